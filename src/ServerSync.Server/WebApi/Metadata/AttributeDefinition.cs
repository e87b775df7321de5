namespace ServerSync.Server.WebApi.Metadata;

/// <summary>One column as <c>EntityDefinitions(…)/Attributes</c> describes it (Dataverse's AttributeMetadata).</summary>
public sealed class AttributeDefinition
{
    public Guid MetadataId { get; init; }
    public string LogicalName { get; init; } = "";
    public string SchemaName { get; init; } = "";
    public string EntityLogicalName { get; init; } = "";

    /// <summary>Dataverse's AttributeTypeCode name: String, Memo, Integer, BigInt, Boolean, DateTime, Picklist, Lookup, Uniqueidentifier…</summary>
    public string AttributeType { get; init; } = "";

    public bool IsPrimaryId { get; init; }
    public bool IsPrimaryName { get; init; }
    public bool IsValidForCreate { get; init; }
    public bool IsValidForUpdate { get; init; }
    public bool IsValidForRead { get; init; } = true;
    public int? MaxLength { get; init; }

    /// <summary>Tables a lookup points at.</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    public string RequiredLevel { get; init; } = "None";

    /// <summary>The option values and labels of a Picklist column; null otherwise.</summary>
    public IReadOnlyList<OptionDefinition>? Options { get; init; }
}

public sealed record OptionDefinition(int Value, string Label);
