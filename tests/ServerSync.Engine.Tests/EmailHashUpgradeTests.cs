using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using ServerSync.Domain.Activities;
using ServerSync.Storage;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>
/// Upgrading a store that holds email from before the emailhash table: every email gets its row, and the start-up step
/// gives each the smart-matching hash it would have had from the start, on both stores; run again, it finds nothing.
/// </summary>
public sealed class EmailHashUpgradeTests
{
    [Fact]
    public async Task Sqlite_emails_get_their_hashes_at_start()
    {
        using var database = new SqliteDatabase("serversync-hash-upgrade-");
        await UpgradeAndCheckAsync(new StorageOptions { ConnectionString = database.ConnectionString }, "PRAGMA foreign_keys=OFF;");
    }

    [Fact]
    public async Task Postgres_emails_get_their_hashes_at_start()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await UpgradeAndCheckAsync(new StorageOptions { Provider = "Postgres", ConnectionString = database.ConnectionString }, "SET session_replication_role = replica;");
    }

    private static async Task UpgradeAndCheckAsync(StorageOptions options, string disableForeignKeys)
    {
        await using var services = new ServiceCollection().AddServerSyncStorage(options).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_EmailHashes", StringComparison.Ordinal)) - 1]);

        var now = DateTimeOffset.UtcNow;
        EmailActivity Email(string? subject, string? token) => new()
        {
            Id = Guid.NewGuid(), EnvironmentId = Guid.NewGuid(), OwnerId = Guid.NewGuid(), OwningBusinessUnitId = Guid.NewGuid(),
            Subject = subject, TrackingToken = token, CreatedOn = now, ModifiedOn = now,
        };
        EmailActivity[] emails = [Email("RE: Budget 2027", null), Email("FW: Order 17 CRM:0001234", "CRM:0001234"), Email("RE:", null), Email(null, null)];
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync(disableForeignKeys);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await OldSchemaRows.InsertAsync(db, transaction.GetDbTransaction(), emails);
            await transaction.CommitAsync();
        }
        await db.Database.CloseConnectionAsync();

        await db.Database.MigrateAsync();
        Assert.Equal(emails.Length, await db.EmailHashes.CountAsync(h => h.SubjectHash == EmailHash.NotComputed));

        Assert.Equal(emails.Length, await EmailHashUpgrade.RunAsync(db, CancellationToken.None));
        var hashes = await db.EmailHashes.AsNoTracking().ToDictionaryAsync(h => h.ActivityId);
        Assert.Equal(SubjectNormalizer.Hash("Budget 2027", null), hashes[emails[0].Id].SubjectHash);
        Assert.Equal(SubjectNormalizer.Hash("Order 17", null), hashes[emails[1].Id].SubjectHash);
        Assert.Null(hashes[emails[2].Id].SubjectHash);
        Assert.Null(hashes[emails[3].Id].SubjectHash);
        Assert.All(emails, e => Assert.Equal(e.EnvironmentId, hashes[e.Id].EnvironmentId));
        Assert.Equal(0, await EmailHashUpgrade.RunAsync(db, CancellationToken.None));
    }
}
