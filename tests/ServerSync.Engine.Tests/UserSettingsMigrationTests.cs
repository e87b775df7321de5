using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using ServerSync.Storage;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>Upgrading a store from before usersettings: every existing user gets a settings row of their own, without send-as consent.</summary>
public sealed class UserSettingsMigrationTests
{
    /// <param name="timestamp">A createdon/modifiedon value as the store keeps it (SQLite: ticks).</param>
    private static async Task UpgradeAsync(StorageOptions options, object timestamp)
    {
        await using var services = new ServiceCollection().AddServerSyncStorage(options).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_UserSettings", StringComparison.Ordinal)) - 1];
        await db.GetService<IMigrator>().MigrateAsync(before);

        var (environment, unit) = (Guid.NewGuid(), Guid.NewGuid());
        var users = new[] { Guid.NewGuid(), Guid.NewGuid() };
        foreach (var user in users)
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO systemuser (systemuserid, businessunitid, createdon, modifiedon, emailrouteraccessapproval, environmentid, fullname,
                    incomingemaildeliverymethod, incomingemailfilteringmethod, isdisabled, outgoingemaildeliverymethod, trackingnumber, versionnumber)
                VALUES ({user}, {unit}, {timestamp}, {timestamp}, 0, {environment}, 'User', 0, 0, {false}, 0, 1, 1)
                """);

        await db.Database.MigrateAsync();
        var rows = await db.UserSettings.AsNoTracking().Where(s => s.EnvironmentId == environment).OrderBy(s => s.Id).ToListAsync();
        Assert.Equal(users.Order(), rows.Select(r => r.Id));
        Assert.All(rows, r =>
        {
            Assert.False(r.IsSendAsAllowed);
            Assert.Equal((r.Id, "systemuser", unit), (r.OwnerId, r.OwnerIdType, r.OwningBusinessUnitId));
        });
    }

    [Fact]
    public async Task Sqlite_users_get_their_settings()
    {
        using var database = new SqliteDatabase("serversync-upgrade-");
        await UpgradeAsync(new StorageOptions { ConnectionString = database.ConnectionString }, 0L);
    }

    [Fact]
    public async Task Postgres_users_get_their_settings()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await UpgradeAsync(new StorageOptions { Provider = "Postgres", ConnectionString = database.ConnectionString }, DateTimeOffset.UtcNow);
    }
}
