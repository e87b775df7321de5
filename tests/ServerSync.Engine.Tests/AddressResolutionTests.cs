using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Customers;
using ServerSync.Engine.Incoming;
using ServerSync.Storage;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>
/// Sender and recipient resolution matches addresses case-insensitively in any of a record's address columns, only in
/// the mail's own environment, and every query it sends is an index search on both stores: the database's own plan for
/// each query shows no read of a whole table, so resolution costs the same with a hundred contacts as with a million.
/// </summary>
public sealed class AddressResolutionTests
{
    [Fact]
    public async Task Sqlite_lookups_match_any_address_column_and_search_indexes()
    {
        using var database = new SqliteDatabase("serversync-resolve-");

        var plans = await ResolveAndExplainAsync<SqliteServerSyncDbContext>(new StorageOptions { ConnectionString = database.ConnectionString },
            "PRAGMA foreign_keys=OFF;");
        // Only json_each (the address list) is read whole; every table is searched on lower(address).
        Assert.All(plans.SelectMany(p => p.Plan), line =>
        {
            if (line.StartsWith("SCAN ", StringComparison.Ordinal)) Assert.Contains("VIRTUAL TABLE", line);
            if (line.StartsWith("SEARCH ", StringComparison.Ordinal)) Assert.Contains("_lower_", line);
            if (line.StartsWith("SEARCH ", StringComparison.Ordinal)) Assert.Contains("(<expr>=?)", line);
        });
    }

    [Fact]
    public async Task Postgres_lookups_match_any_address_column_and_search_indexes()
    {
        await using var database = await PostgresDatabase.CreateAsync();

        // With sequential scans priced out, a query still reads a whole table only when no index can serve it; an index
        // on the environment would read all of its rows, so every index used must be one searched on lower(address).
        var plans = await ResolveAndExplainAsync<PostgresServerSyncDbContext>(new StorageOptions { Provider = "Postgres", ConnectionString = database.ConnectionString },
            "SET session_replication_role = replica; SET enable_seqscan = off;");
        Assert.All(plans.SelectMany(p => p.Plan), line =>
        {
            Assert.DoesNotContain("Seq Scan", line);
            if (line.Contains("Index Scan") || line.Contains("Index Only Scan")) Assert.Contains("_lower_", line);
            if (line.Contains("Index Cond")) Assert.Contains("lower(", line);
        });
    }

    /// <summary>Resolves three addresses against one contact, then returns the plan of every query the resolver sent.</summary>
    private static async Task<List<(string Query, List<string> Plan)>> ResolveAndExplainAsync<TContext>(StorageOptions options, string sessionSetup)
        where TContext : ServerSyncDbContext
    {
        await using var plans = await QueryPlans.OpenStoreAsync<TContext>(options);
        var db = plans.Db;
        await db.Database.ExecuteSqlRawAsync(sessionSetup);
        var environment = Guid.NewGuid();
        var contact = new Contact
        {
            Id = Guid.NewGuid(), EnvironmentId = environment, OwnerId = Guid.NewGuid(), OwningBusinessUnitId = Guid.NewGuid(),
            LastName = "Lindqvist", EmailAddress1 = "ann.work@example.test", EmailAddress3 = "Ann@Example.TEST",
            CreatedOn = DateTimeOffset.UtcNow, ModifiedOn = DateTimeOffset.UtcNow,
        };
        // The same person in another environment's CRM is not a match here.
        var elsewhere = new Contact
        {
            Id = Guid.NewGuid(), EnvironmentId = Guid.NewGuid(), OwnerId = Guid.NewGuid(), OwningBusinessUnitId = Guid.NewGuid(),
            LastName = "Lindqvist", EmailAddress1 = "ann@example.test", CreatedOn = DateTimeOffset.UtcNow, ModifiedOn = DateTimeOffset.UtcNow,
        };
        db.Contacts.AddRange(contact, elsewhere);
        await db.SaveChangesAsync();

        plans.Record();
        var found = await new AddressResolver(db).ResolveAsync(environment, ["ann@example.test", "ann.work@example.test", "nobody@example.test"], CancellationToken.None);
        plans.Stop();

        Assert.Equal([contact.Id], found["ann@example.test"].Select(m => m.Id));
        Assert.Equal("contact", found["ann@example.test"].Single().Type);
        Assert.Equal([contact.Id], found["ann.work@example.test"].Select(m => m.Id));
        Assert.Empty(found["nobody@example.test"]);
        // Users, contacts, accounts, leads, queues.
        Assert.Equal(5, plans.Commands.Count);
        return await plans.ExplainAsync();
    }
}
