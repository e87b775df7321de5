namespace ServerSync.Server.WebApi.Metadata;

/// <summary>One table as <c>EntityDefinitions</c> describes it (Dataverse's EntityMetadata, the properties clients read).</summary>
public sealed class EntityDefinition
{
    public Guid MetadataId { get; init; }
    public string LogicalName { get; init; } = "";
    public string SchemaName { get; init; } = "";
    public string EntitySetName { get; init; } = "";
    public string LogicalCollectionName { get; init; } = "";
    public string PrimaryIdAttribute { get; init; } = "";
    public string? PrimaryNameAttribute { get; init; }
    public bool IsActivity { get; init; }
    public string OwnershipType { get; init; } = "";
}
