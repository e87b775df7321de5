using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Tenancy;
using ServerSync.Server.Auth;
using ServerSync.Storage;
using ServerSync.Storage.Sqlite;

namespace ServerSync.Server.Provisioning;

/// <summary>
/// Brings the store up to date (SQLite in write-ahead-log mode) and, on an empty store, creates the tenant's first Global administrator
/// from SERVERSYNC_ADMIN_UPN / SERVERSYNC_ADMIN_PASSWORD, or with a generated password printed once.
/// </summary>
public static class FirstStart
{
    public const string DefaultAdminUpn = "admin@serversync.local";

    /// <summary>Null when the server may go on; otherwise why it must not start.</summary>
    public static async Task<string?> RunAsync(IServiceProvider services, IConfiguration configuration, ILogger logger, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
        await db.Database.MigrateAsync(ct);
        // Write-ahead log: readers (the API, the scheduler) no longer block the engine's writes or the reverse,
        // and a commit costs one fsync of the log instead of journal + database. Stored in the file, so once is enough.
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await AttachmentBodyUpgrade.RunAsync(db, ct);
        }
        await EmailHashUpgrade.RunAsync(db, ct);
        await scope.ServiceProvider.GetRequiredService<PrivilegeCatalogUpgrade>().RunAsync(ct);
        if (await db.DirectoryUsers.AnyAsync(ct)) return null;

        var upn = (configuration["SERVERSYNC_ADMIN_UPN"] ?? DefaultAdminUpn).Trim().ToLowerInvariant();
        var password = configuration["SERVERSYNC_ADMIN_PASSWORD"];
        var generated = string.IsNullOrEmpty(password);
        if (generated) password = Passwords.Generate();
        else if (PasswordRule.Problem(password!) is { } problem) return $"SERVERSYNC_ADMIN_PASSWORD is refused: {problem}";
        var admin = new DirectoryUser
        {
            Id = Guid.NewGuid(), UserPrincipalName = upn, DisplayName = "Global administrator",
            Roles = DirectoryRoles.GlobalAdministrator, CreatedOn = DateTimeOffset.UtcNow, SecurityStamp = Passwords.NewSecurityStamp(),
        };
        admin.PasswordHash = Passwords.Hash(admin, password!);
        db.DirectoryUsers.Add(admin);
        await db.SaveChangesAsync(ct);
        if (generated)
            Console.WriteLine($"ServerSync created the Global administrator {upn} with the password {password} (shown only this once).");
        else
            logger.LogInformation("Created the Global administrator {Upn}", upn);
        return null;
    }
}
