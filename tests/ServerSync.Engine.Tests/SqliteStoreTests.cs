using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ServerSync.Domain.Tenancy;
using ServerSync.Storage;
using ServerSync.Storage.Sqlite;

namespace ServerSync.Engine.Tests;

/// <summary>
/// The embedded store's write path: import batches commit without waiting for the disk and set the connection back
/// afterwards; no connection checkpoints at commit; the background checkpointer copies the log into the database.
/// </summary>
public sealed class SqliteStoreTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("serversync-sqlite-").FullName;
    private ServiceProvider _services = null!;
    private StorageOptions _options = null!;

    public async Task InitializeAsync()
    {
        // Its own pool, so no connection of another test can be handed out here.
        _options = new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "store.db")};Pooling=True" };
        _services = new ServiceCollection().AddServerSyncStorage(_options).BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static Task<long> SynchronousAsync(ServerSyncDbContext db) =>
        db.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync();

    private static DirectoryUser NewUser()
    {
        var id = Guid.NewGuid();
        return new DirectoryUser { Id = id, UserPrincipalName = $"{id:N}@store.test", DisplayName = "Store test", CreatedOn = DateTimeOffset.UtcNow };
    }

    [Fact]
    public async Task An_import_transaction_commits_with_synchronous_normal_and_hands_the_connection_back_as_it_was()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
        await db.Database.OpenConnectionAsync();
        var before = await SynchronousAsync(db);
        var user = NewUser();

        long during;
        await using (var tx = await RefetchableTransaction.BeginAsync(db, CancellationToken.None))
        {
            during = await SynchronousAsync(db);
            db.Add(user);
            await db.SaveChangesAsync();
            await tx.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(2, before); // FULL: what every other transaction uses
        Assert.Equal(1, during); // NORMAL
        Assert.Equal(before, await SynchronousAsync(db));
        await using var other = _services.CreateAsyncScope();
        Assert.True(await other.ServiceProvider.GetRequiredService<ServerSyncDbContext>().DirectoryUsers.AnyAsync(u => u.Id == user.Id));
    }

    [Fact]
    public async Task A_rolled_back_import_transaction_stores_nothing_and_also_restores_the_setting()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
        var user = NewUser();

        await using (await RefetchableTransaction.BeginAsync(db, CancellationToken.None))
        {
            db.Add(user);
            await db.SaveChangesAsync();
        }

        await db.Database.OpenConnectionAsync();
        Assert.Equal(2, await SynchronousAsync(db));
        await using var other = _services.CreateAsyncScope();
        Assert.False(await other.ServiceProvider.GetRequiredService<ServerSyncDbContext>().DirectoryUsers.AnyAsync(u => u.Id == user.Id));
    }

    [Fact]
    public async Task Commits_leave_the_log_to_the_background_checkpointer_which_copies_all_of_it()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
        await db.Database.OpenConnectionAsync();
        await using (var read = db.Database.GetDbConnection().CreateCommand())
        {
            read.CommandText = "PRAGMA wal_autocheckpoint;";
            Assert.Equal(0L, await read.ExecuteScalarAsync());
        }
        for (var i = 0; i < 50; i++)
        {
            db.Add(NewUser());
            await db.SaveChangesAsync();
        }

        var checkpointer = new SqliteCheckpointer(_options, NullLogger<SqliteCheckpointer>.Instance);
        var (logFrames, copied) = await checkpointer.CheckpointAsync(CancellationToken.None);
        var (afterFrames, _) = await checkpointer.CheckpointAsync(CancellationToken.None);

        Assert.True(logFrames >= 50, $"50 commits left {logFrames} frames in the log");
        Assert.Equal(logFrames, copied);
        Assert.True(afterFrames <= logFrames);
    }
}
