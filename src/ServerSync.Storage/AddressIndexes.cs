namespace ServerSync.Storage;

/// <summary>
/// Expression indexes on lower(address column) for every column sender and recipient resolution searches. Email
/// addresses match case-insensitively, so the lookups compare lower(column); an index on the column itself cannot
/// serve them, and without these each batch read every contact, account and lead of the environment. EF Core's model
/// cannot describe an index on an expression, so the migrations create them in SQL that both SQLite and PostgreSQL
/// accept; the model snapshot does not list them. Each layout is kept as its migration created it.
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

    /// <summary>(environmentid, lower(column)): migration AddressLookupIndexes.</summary>
    public static readonly Layout EnvironmentFirst = new("ix_{0}_environmentid_lower_{1}", "environmentid, lower({1})");

    /// <summary>
    /// (lower(column), environmentid): migration AddressFirstLookupIndexes. The lookups go by address alone: with a
    /// condition on the environment, PostgreSQL may judge by statistics that know nothing of a new environment, take an
    /// index on the environment as the better one and read all of its records.
    /// </summary>
    public static readonly Layout AddressFirst = new("ix_{0}_lower_{1}_environmentid", "lower({1}), environmentid");

    public sealed record Layout(string NameFormat, string KeyFormat)
    {
        public IEnumerable<string> Create() =>
            Columns.Select(c => $"CREATE INDEX {string.Format(NameFormat, c.Table, c.Column)} ON {c.Table} ({string.Format(KeyFormat, c.Table, c.Column)});");

        public IEnumerable<string> Drop() => Columns.Select(c => $"DROP INDEX {string.Format(NameFormat, c.Table, c.Column)};");
    }
}
