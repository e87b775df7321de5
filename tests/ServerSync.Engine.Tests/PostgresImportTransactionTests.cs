using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServerSync.Domain.Tenancy;
using ServerSync.Storage;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>On PostgreSQL an import batch commits without waiting for the WAL flush, and only that transaction does.</summary>
public sealed class PostgresImportTransactionTests : IAsyncLifetime
{
    private PostgresDatabase _database = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        _services = new ServiceCollection()
            .AddServerSyncStorage(new StorageOptions { Provider = "Postgres", ConnectionString = _database.ConnectionString })
            .BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>().Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static Task<string> SynchronousCommitAsync(ServerSyncDbContext db) =>
        db.Database.SqlQueryRaw<string>("SELECT current_setting('synchronous_commit') AS \"Value\"").SingleAsync();

    [Fact]
    public async Task Only_the_import_transaction_turns_synchronous_commit_off_and_its_rows_are_committed()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
        var id = Guid.NewGuid();

        string during;
        await using (var tx = await RefetchableTransaction.BeginAsync(db, CancellationToken.None))
        {
            during = await SynchronousCommitAsync(db);
            db.DirectoryUsers.Add(new DirectoryUser { Id = id, UserPrincipalName = $"{id:N}@store.test", DisplayName = "Store test", CreatedOn = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            await tx.CommitAsync(CancellationToken.None);
        }

        string after;
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            after = await SynchronousCommitAsync(db);
        }

        Assert.Equal("off", during);
        Assert.Equal("on", after);
        await using var other = _services.CreateAsyncScope();
        Assert.True(await other.ServiceProvider.GetRequiredService<ServerSyncDbContext>().DirectoryUsers.AnyAsync(u => u.Id == id));
    }
}
