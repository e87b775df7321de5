using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using ServerSync.Domain.Metadata;

namespace ServerSync.Server.WebApi.Metadata;

/// <summary>
/// Table and column metadata in Dataverse's shape, derived once from the same <see cref="TableCatalog"/> the Web API
/// serves, so what <c>EntityDefinitions</c> says is what the tables accept. Metadata ids are derived from the names:
/// stable across restarts and nodes.
/// </summary>
public sealed class EntityDefinitionCatalog
{
    private static readonly string[] PrimaryNameCandidates = ["name", "fullname", "subject", "title"];
    private readonly Dictionary<string, TableDefinition> _byName;

    public EntityDefinitionCatalog(TableCatalog tables)
    {
        _byName = tables.Tables.ToDictionary(t => t.LogicalName, t =>
        {
            var entity = Describe(t);
            return new TableDefinition(entity, t.Readable.Select(c => Describe(tables, t, entity, c)).ToList(), t);
        }, StringComparer.Ordinal);
    }

    public IEnumerable<TableDefinition> Tables => _byName.Values;

    public TableDefinition? Find(string logicalName) => _byName.GetValueOrDefault(logicalName);

    public TableDefinition? Find(Guid metadataId) => _byName.Values.FirstOrDefault(t => t.Entity.MetadataId == metadataId);

    private static EntityDefinition Describe(TableInfo table) => new()
    {
        MetadataId = IdOf(table.LogicalName),
        LogicalName = table.LogicalName,
        SchemaName = table.SchemaName,
        EntitySetName = table.EntitySetName,
        LogicalCollectionName = table.EntitySetName,
        PrimaryIdAttribute = table.Key.Name,
        PrimaryNameAttribute = PrimaryNameCandidates.FirstOrDefault(n => table.Find(n) is not null),
        IsActivity = table.Key.Name == "activityid",
        OwnershipType = table.Ownership == Ownership.User ? "UserOwned" : "OrganizationOwned",
    };

    private static AttributeDefinition Describe(TableCatalog tables, TableInfo table, EntityDefinition entity, ColumnInfo column)
    {
        var name = LogicalNameOf(column);
        var type = TypeOf(table, column);
        return new AttributeDefinition
        {
            MetadataId = IdOf(table.LogicalName + "." + name),
            LogicalName = name,
            SchemaName = column.Property.Name,
            EntityLogicalName = table.LogicalName,
            AttributeType = type,
            IsPrimaryId = column == table.Key,
            IsPrimaryName = name == entity.PrimaryNameAttribute,
            IsValidForCreate = !column.ReadOnly,
            IsValidForUpdate = !column.ReadOnly && column != table.Key,
            MaxLength = type is "String" or "Memo" ? column.MaxLength : null,
            Targets = column.Lookup?.Targets.Select(t => tables.Get(t).LogicalName).ToList() ?? [],
            RequiredLevel = column.Required ? "ApplicationRequired" : column == table.Key ? "SystemRequired" : "None",
            Options = column.OptionSet is { } set ? OptionLabels.Of(set) : null,
        };
    }

    /// <summary>A lookup's attribute is its bind name (<c>emailserverprofile</c>), not the <c>_…_value</c> it is read as.</summary>
    private static string LogicalNameOf(ColumnInfo column) =>
        column.Lookup?.BindName
        ?? (column.Name.StartsWith('_') && column.Name.EndsWith("_value", StringComparison.Ordinal) ? column.Name[1..^"_value".Length] : column.Name);

    private static string TypeOf(TableInfo table, ColumnInfo column)
    {
        var clr = Nullable.GetUnderlyingType(column.Property.PropertyType) ?? column.Property.PropertyType;
        if (column.OptionSet is not null) return column.Name switch { "statecode" => "State", "statuscode" => "Status", _ => "Picklist" };
        if (clr == typeof(Guid)) return column == table.Key || !column.Name.StartsWith('_') ? "Uniqueidentifier" : "Lookup";
        if (clr == typeof(string)) return column.Property.GetCustomAttribute<MemoColumnAttribute>() is not null ? "Memo" : "String";
        if (clr == typeof(int)) return "Integer";
        if (clr == typeof(long)) return "BigInt";
        if (clr == typeof(bool)) return "Boolean";
        if (clr == typeof(DateTimeOffset) || clr == typeof(DateTime)) return "DateTime";
        if (clr == typeof(decimal)) return "Decimal";
        if (clr == typeof(double)) return "Double";
        return "Virtual";
    }

    private static Guid IdOf(string name) => new(MD5.HashData(Encoding.UTF8.GetBytes("serversync-metadata:" + name)));
}
