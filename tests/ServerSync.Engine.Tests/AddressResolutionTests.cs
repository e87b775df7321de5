using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ServerSync.Domain.Customers;
using ServerSync.Engine.Incoming;
using ServerSync.Storage;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>
/// Sender and recipient resolution matches addresses case-insensitively in any of a record's address columns, and
/// every query it sends is an index search on both stores: the database's own plan for each query shows no read of a
/// whole table, so resolution costs the same with a hundred contacts as with a million.
/// </summary>
public sealed class AddressResolutionTests
{
    [Fact]
    public async Task Sqlite_lookups_match_any_address_column_and_search_indexes()
    {
        using var database = new SqliteDatabase("serversync-resolve-");

        var plans = await ResolveAndExplainAsync<SqliteServerSyncDbContext>(new StorageOptions { ConnectionString = database.ConnectionString },
            "PRAGMA foreign_keys=OFF;", "EXPLAIN QUERY PLAN ", reader => reader.GetString(3));
        // Only json_each (the address list) is read whole; every table is searched on environment and lower(address),
        // not on the environment alone, which would read all of its rows.
        Assert.All(plans.SelectMany(p => p), line =>
        {
            if (line.StartsWith("SCAN ", StringComparison.Ordinal)) Assert.Contains("VIRTUAL TABLE", line);
            if (line.StartsWith("SEARCH ", StringComparison.Ordinal)) Assert.Contains("(environmentid=? AND <expr>=?)", line);
        });
    }

    [Fact]
    public async Task Postgres_lookups_match_any_address_column_and_search_indexes()
    {
        await using var database = await PostgresDatabase.CreateAsync();

        // With sequential scans priced out, a query still reads a whole table only when no index can serve it; an index
        // on the environment alone would read all of its rows, so every index used must be one on lower(address).
        var plans = await ResolveAndExplainAsync<PostgresServerSyncDbContext>(new StorageOptions { Provider = "Postgres", ConnectionString = database.ConnectionString },
            "SET session_replication_role = replica; SET enable_seqscan = off;", "EXPLAIN ", reader => reader.GetString(0));
        Assert.All(plans.SelectMany(p => p), line =>
        {
            Assert.DoesNotContain("Seq Scan", line);
            if (line.Contains("Index Scan") || line.Contains("Index Only Scan")) Assert.Contains("_environmentid_lower_", line);
        });
    }

    /// <summary>Resolves three addresses against one contact, then returns the plan of every query the resolver sent.</summary>
    private static async Task<List<List<string>>> ResolveAndExplainAsync<TContext>(StorageOptions options, string sessionSetup, string explain, Func<DbDataReader, string> planLine)
        where TContext : ServerSyncDbContext
    {
        var recorder = new CommandRecorder();
        await using var services = new ServiceCollection().AddServerSyncStorage(options)
            .ConfigureDbContext<TContext>(o => o.AddInterceptors(recorder)).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
        await db.Database.MigrateAsync();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync(sessionSetup);
        var environment = Guid.NewGuid();
        var contact = new Contact
        {
            Id = Guid.NewGuid(), EnvironmentId = environment, OwnerId = Guid.NewGuid(), OwningBusinessUnitId = Guid.NewGuid(),
            LastName = "Lindqvist", EmailAddress1 = "ann.work@example.test", EmailAddress3 = "Ann@Example.TEST",
            CreatedOn = DateTimeOffset.UtcNow, ModifiedOn = DateTimeOffset.UtcNow,
        };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();

        recorder.Context = db;
        var found = await new AddressResolver(db).ResolveAsync(environment, ["ann@example.test", "ann.work@example.test", "nobody@example.test"], CancellationToken.None);
        recorder.Context = null;
        var commands = recorder.Commands;

        Assert.Equal([contact.Id], found["ann@example.test"].Select(m => m.Id));
        Assert.Equal("contact", found["ann@example.test"].Single().Type);
        Assert.Equal([contact.Id], found["ann.work@example.test"].Select(m => m.Id));
        Assert.Empty(found["nobody@example.test"]);
        // Users, contacts, accounts, leads, queues.
        Assert.Equal(5, commands.Count);

        var plans = new List<List<string>>();
        foreach (var (text, parameters) in commands)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = explain + text;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            var lines = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) lines.Add(planLine(reader));
            Assert.NotEmpty(lines);
            plans.Add(lines);
        }

        return plans;
    }

    /// <summary>The text and parameters of every query <see cref="Context"/> runs while it is set.</summary>
    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public DbContext? Context { get; set; }

        public List<(string Text, List<(string Name, object Value)> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Context is not null && eventData.Context == Context)
                Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value ?? DBNull.Value)).ToList()));
            return ValueTask.FromResult(result);
        }
    }
}
