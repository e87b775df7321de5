namespace ServerSync.Server.WebApi.Metadata;

/// <summary>A table's metadata with its columns' and the table it describes.</summary>
public sealed record TableDefinition(EntityDefinition Entity, IReadOnlyList<AttributeDefinition> Attributes, TableInfo Table);
