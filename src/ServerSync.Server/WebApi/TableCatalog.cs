using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Runtime.Serialization;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;
using ServerSync.Domain.Metadata;
using ServerSync.Storage;

namespace ServerSync.Server.WebApi;

/// <summary>
/// What the Web API knows about each table, read once from the entity classes' attributes:
/// the OData model used to parse queries, and per-column metadata used to read and write bodies.
/// </summary>
public sealed class TableCatalog
{
    private readonly Dictionary<string, TableInfo> _bySet;
    private readonly Dictionary<Type, TableInfo> _byType;

    public TableCatalog()
    {
        var builder = new ODataConventionModelBuilder { Namespace = "Microsoft.Dynamics.CRM" };
        var tables = ServerSyncDbContext.DataverseTables.Select(Describe).ToList();
        foreach (var t in tables)
        {
            var entityType = builder.AddEntityType(t.ClrType);
            entityType.HasKey(t.Key.Property); // e.g. email's key is activityid, not emailid
            // The key is declared on the base class, so the data-contract convention leaves it "Id"; Dataverse clients
            // filter, order and select it by its logical name.
            entityType.AddProperty(t.Key.Property).Name = t.Key.Name;
            builder.AddEntitySet(t.EntitySetName, entityType);
        }
        Model = builder.GetEdmModel();
        _bySet = tables.ToDictionary(t => t.EntitySetName, StringComparer.Ordinal);
        _byType = tables.ToDictionary(t => t.ClrType);
    }

    public IEdmModel Model { get; }

    public IEnumerable<TableInfo> Tables => _bySet.Values;

    public TableInfo? FindBySet(string entitySetName) => _bySet.GetValueOrDefault(entitySetName);

    public TableInfo Get(Type clrType) => _byType[clrType];

    private static TableInfo Describe(Type type)
    {
        var meta = type.GetCustomAttribute<DataverseTableAttribute>()!;
        var columns = new List<ColumnInfo>();
        foreach (var p in type.GetProperties())
        {
            if (p.GetCustomAttribute<SecretColumnAttribute>() is { } secret)
            {
                columns.Add(new ColumnInfo(secret.ColumnName, p, ColumnKind.Secret) { SecretFlag = type.GetProperty(secret.IsSetProperty) });
                continue;
            }
            var member = p.GetCustomAttribute<DataMemberAttribute>();
            if (member?.Name is null) continue;
            var lookup = p.GetCustomAttribute<LookupAttribute>();
            var kind = lookup is not null ? ColumnKind.Lookup : ColumnKind.Value;
            columns.Add(new ColumnInfo(member.Name, p, kind)
            {
                ReadOnly = p.GetCustomAttribute<ReadOnlyColumnAttribute>() is not null,
                OptionSet = p.GetCustomAttribute<OptionSetAttribute>()?.EnumType,
                Lookup = lookup,
                LookupTypeProperty = lookup?.TypeProperty is { } tp ? type.GetProperty(tp) : null,
                Required = p.GetCustomAttribute<RequiredAttribute>() is not null,
                MaxLength = p.GetCustomAttribute<MaxLengthAttribute>()?.Length ?? p.GetCustomAttribute<MemoColumnAttribute>()?.MaxLength,
                Range = p.GetCustomAttribute<RangeAttribute>(),
                EmailAddress = p.GetCustomAttribute<EmailAddressColumnAttribute>() is not null,
            });
        }
        var key = columns.First(c => c.Property.Name == nameof(EnvironmentRecord.Id));
        return new TableInfo(type, meta, key, columns);
    }
}

public sealed class TableInfo(Type clrType, DataverseTableAttribute meta, ColumnInfo key, IReadOnlyList<ColumnInfo> columns)
{
    public Type ClrType { get; } = clrType;
    public string LogicalName => meta.LogicalName;
    public string EntitySetName => meta.EntitySetName;
    public string SchemaName => meta.SchemaName;
    public Ownership Ownership => meta.Ownership;
    public bool IsOwned => typeof(OwnedRecord).IsAssignableFrom(ClrType);
    public ColumnInfo Key { get; } = key;
    public IReadOnlyList<ColumnInfo> Columns { get; } = columns;

    /// <summary>Columns that appear in responses (everything but secrets).</summary>
    public IEnumerable<ColumnInfo> Readable => Columns.Where(c => c.Kind != ColumnKind.Secret);

    public ColumnInfo? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>The lookup a bind name sets: <c>partyid</c>, or Dataverse's per-target form <c>partyid_contact</c>.</summary>
    public ColumnInfo? FindLookupByBindName(string bindName) =>
        Columns.FirstOrDefault(c => c.Lookup?.BindName == bindName)
        ?? Columns.FirstOrDefault(c => c.Lookup is { } l && bindName.StartsWith(l.BindName + "_", StringComparison.Ordinal));
}

public enum ColumnKind { Value, Lookup, Secret }

public sealed record ColumnInfo(string Name, PropertyInfo Property, ColumnKind Kind)
{
    public bool ReadOnly { get; init; }
    public Type? OptionSet { get; init; }
    public LookupAttribute? Lookup { get; init; }
    public PropertyInfo? LookupTypeProperty { get; init; }
    public PropertyInfo? SecretFlag { get; init; }
    public bool Required { get; init; }
    public int? MaxLength { get; init; }
    public RangeAttribute? Range { get; init; }
    public bool EmailAddress { get; init; }
}
