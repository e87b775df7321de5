namespace ServerSync.Domain.Metadata;

/// <summary>Marks an entity class as a Dataverse-shaped table exposed on the environment Web API.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DataverseTableAttribute(string logicalName, string entitySetName) : Attribute
{
    public string LogicalName { get; } = logicalName;
    public string EntitySetName { get; } = entitySetName;

    /// <summary>Name used in privilege names (prvReadMailbox); Dataverse uses the schema name.</summary>
    public required string SchemaName { get; init; }

    public Ownership Ownership { get; init; } = Ownership.User;
}

public enum Ownership
{
    /// <summary>Rows have an owner and a business unit; privilege depth limits what a caller reaches.</summary>
    User,

    /// <summary>One scope for the whole environment; any granted depth reaches every row.</summary>
    Organization,
}
