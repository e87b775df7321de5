using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Tenancy;
using ServerSync.Storage;

namespace ServerSync.Server.Auth;

/// <summary>
/// Locks a user name out of the password grant after <see cref="MaxFailures"/> failed sign-ins within
/// <see cref="Window"/>, for <see cref="LockoutDuration"/>. Kept in the store, so it holds across restarts and
/// nodes; counted per user name tried, so unknown names lock out exactly like known ones.
/// </summary>
public sealed class SignInLockouts(ServerSyncDbContext db, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public const int MaxUserNameLength = 256;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public async Task<DateTimeOffset?> LockedUntilAsync(string userName, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.SignInLockouts.AsNoTracking()
            .Where(l => l.UserName == userName && l.LockedUntil != null && l.LockedUntil > now)
            .Select(l => l.LockedUntil).FirstOrDefaultAsync(ct);
    }

    /// <summary>Counts a failure in one statement (concurrent failures all count), starting a new window when the last one ended.</summary>
    public async Task RecordFailureAsync(string userName, CancellationToken ct)
    {
        if (userName.Length > MaxUserNameLength) return; // no such name can exist; the client address throttle still counts it
        var now = clock.GetUtcNow();
        var windowStart = now - Window;
        DateTimeOffset? lockUntil = now + LockoutDuration;
        // Rows of names whose window and lockout are both over say nothing any more.
        await db.SignInLockouts.Where(l => l.WindowStartedOn < windowStart && (l.LockedUntil == null || l.LockedUntil < now)
            && l.UserName != userName).ExecuteDeleteAsync(ct);
        for (var attempt = 0; ; attempt++)
        {
            var updated = await db.SignInLockouts.Where(l => l.UserName == userName).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.FailureCount, l => l.WindowStartedOn < windowStart ? 1 : l.FailureCount + 1)
                .SetProperty(l => l.WindowStartedOn, l => l.WindowStartedOn < windowStart ? now : l.WindowStartedOn)
                .SetProperty(l => l.LockedUntil, l => l.WindowStartedOn >= windowStart && l.FailureCount + 1 >= MaxFailures ? lockUntil : l.LockedUntil), ct);
            if (updated > 0) return;
            db.SignInLockouts.Add(new SignInLockout { UserName = userName, FailureCount = 1, WindowStartedOn = now });
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                db.ChangeTracker.Clear(); // a concurrent failure inserted the row first: count on it
            }
        }
    }

    /// <summary>After a successful sign-in, and the unlock of the admin API.</summary>
    public Task ClearAsync(string userName, CancellationToken ct) =>
        db.SignInLockouts.Where(l => l.UserName == userName).ExecuteDeleteAsync(ct);
}
