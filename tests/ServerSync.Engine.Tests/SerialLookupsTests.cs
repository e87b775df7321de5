using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServerSync.Storage;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>The pipeline's lookups run without parallel workers on PostgreSQL, and only they: the setting ends with the scope.</summary>
public sealed class SerialLookupsTests
{
    [Fact]
    public async Task Postgres_lookups_run_without_parallel_workers_inside_the_scope_only()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var services = new ServiceCollection().AddServerSyncStorage(new StorageOptions { Provider = "Postgres", ConnectionString = database.ConnectionString }).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
        await db.Database.OpenConnectionAsync();
        Task<string> WorkersAsync() => db.Database.SqlQueryRaw<string>("SELECT current_setting('max_parallel_workers_per_gather') AS \"Value\"").SingleAsync();
        var configured = await WorkersAsync();
        Assert.NotEqual("0", configured);

        await using (await SerialLookups.BeginAsync(db, CancellationToken.None))
            Assert.Equal("0", await WorkersAsync());

        Assert.Equal(configured, await WorkersAsync());
        Assert.Null(db.Database.CurrentTransaction);
    }

    [Fact]
    public async Task Sqlite_has_no_scope_to_open()
    {
        using var database = new SqliteDatabase("serversync-serial-");
        await using var services = new ServiceCollection().AddServerSyncStorage(new StorageOptions { ConnectionString = database.ConnectionString }).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();

        await using (await SerialLookups.BeginAsync(db, CancellationToken.None))
            Assert.Null(db.Database.CurrentTransaction);
    }
}
