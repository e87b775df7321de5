namespace ServerSync.Storage;

/// <summary>
/// Indexes on (environmentid, lower(address column)) for every column sender and recipient resolution searches.
/// Email addresses match case-insensitively, so the lookups compare lower(column); an index on the column itself
/// cannot serve them, and without these each batch read every contact, account and lead of the environment.
/// EF Core's model cannot describe an index on an expression, so the migrations create them in SQL that both
/// SQLite and PostgreSQL accept; the model snapshot does not list them.
/// </summary>
public static class AddressIndexes
{
    private static readonly (string Table, string Column)[] Columns =
    [
        ("systemuser", "internalemailaddress"),
        ("queue", "emailaddress"),
        ("contact", "emailaddress1"), ("contact", "emailaddress2"), ("contact", "emailaddress3"),
        ("account", "emailaddress1"), ("account", "emailaddress2"), ("account", "emailaddress3"),
        ("lead", "emailaddress1"), ("lead", "emailaddress2"), ("lead", "emailaddress3"),
    ];

    public static IEnumerable<string> Create() =>
        Columns.Select(c => $"CREATE INDEX {Name(c)} ON {c.Table} (environmentid, lower({c.Column}));");

    public static IEnumerable<string> Drop() => Columns.Select(c => $"DROP INDEX {Name(c)};");

    private static string Name((string Table, string Column) c) => $"ix_{c.Table}_environmentid_lower_{c.Column}";
}
