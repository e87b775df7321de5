using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using ServerSync.Storage;
using ServerSync.Storage.Sqlite;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>
/// Upgrading a store whose attachment bodies were base64 text (before AttachmentBytes): the bytes come out as they went
/// in, on both stores; a body that was not base64 is kept as its text's bytes instead of lost.
/// </summary>
public sealed class AttachmentBytesMigrationTests
{
    private static readonly byte[] Hello = "hello, attachment"u8.ToArray();

    /// <param name="timestamp">A createdon/modifiedon value as the store keeps it (SQLite: ticks).</param>
    private static async Task<List<(Guid Id, byte[] Content, string Body)>> UpgradeAsync(StorageOptions options, string disableForeignKeys, object timestamp)
    {
        await using var services = new ServiceCollection().AddServerSyncStorage(options).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_AttachmentBytes", StringComparison.Ordinal)) - 1];
        await db.GetService<IMigrator>().MigrateAsync(before);

        var valid = Guid.NewGuid();
        var invalid = Guid.NewGuid();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync(disableForeignKeys);
        foreach (var (id, body) in new[] { (valid, Convert.ToBase64String(Hello)), (invalid, "not base64!") })
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO activitymimeattachment (activitymimeattachmentid, objectid, objecttypecode, filename, mimetype, filesize, body,
                    environmentid, versionnumber, createdon, modifiedon, ownerid, owneridtype, owningbusinessunit)
                VALUES ({id}, {Guid.NewGuid()}, 'email', 'a.txt', 'text/plain', 0, {body}, {Guid.NewGuid()}, 1, {timestamp}, {timestamp}, {Guid.NewGuid()}, 'systemuser', {Guid.NewGuid()})
                """);
        }
        await db.Database.CloseConnectionAsync();

        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite()) Assert.Equal(2, await AttachmentBodyUpgrade.RunAsync(db, CancellationToken.None));
        var rows = await db.Attachments.AsNoTracking().Where(a => a.Id == valid || a.Id == invalid).ToListAsync();
        return [.. new[] { valid, invalid }.Select(id => rows.Single(r => r.Id == id)).Select(r => (r.Id, r.Content, r.Body))];
    }

    [Fact]
    public async Task Sqlite_bodies_become_their_bytes_at_start()
    {
        using var database = new SqliteDatabase("serversync-upgrade-");

        AssertUpgraded(await UpgradeAsync(new StorageOptions { ConnectionString = database.ConnectionString }, "PRAGMA foreign_keys=OFF;", 0L));
    }

    [Fact]
    public async Task Postgres_bodies_are_decoded_by_the_migration()
    {
        await using var database = await PostgresDatabase.CreateAsync();

        AssertUpgraded(await UpgradeAsync(new StorageOptions { Provider = "Postgres", ConnectionString = database.ConnectionString }, "SET session_replication_role = replica;", DateTimeOffset.UtcNow));
    }

    private static void AssertUpgraded(List<(Guid Id, byte[] Content, string Body)> rows)
    {
        Assert.Equal(Hello, rows[0].Content);
        Assert.Equal(Convert.ToBase64String(Hello), rows[0].Body);
        Assert.Equal(Encoding.UTF8.GetBytes("not base64!"), rows[1].Content);
    }
}
