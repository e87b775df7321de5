using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Activities;

namespace ServerSync.Storage;

/// <summary>
/// Gives the emails stored before the emailhash table their smart-matching hash. The migration that creates the table
/// cannot compute it (subject normalization is the engine's, not SQL's), so it writes a row per email marked
/// <see cref="EmailHash.NotComputed"/>; this start-up step, before the API and the engine, computes them in chunks.
/// Resumable after a crash, and one index probe once done.
/// </summary>
public static class EmailHashUpgrade
{
    private const int RowsPerTransaction = 500;

    /// <summary>The migration's step: a not-yet-computed row for every email (the literal reads as a GUID on both stores).</summary>
    public const string MarkExistingEmailsSql =
        "INSERT INTO emailhash (activityid, environmentid, subjecthash, createdon) SELECT activityid, environmentid, '00000000-0000-0000-0000-000000000000', createdon FROM email;";

    /// <returns>How many hashes were computed.</returns>
    public static async Task<int> RunAsync(ServerSyncDbContext db, CancellationToken ct)
    {
        var computed = 0;
        while (true)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var pending = await (from h in db.EmailHashes
                                 join e in db.Emails on h.ActivityId equals e.Id
                                 where h.SubjectHash == EmailHash.NotComputed
                                 select new { Row = h, e.Subject, e.TrackingToken }).Take(RowsPerTransaction).ToListAsync(ct);
            if (pending.Count == 0) return computed;
            foreach (var p in pending) p.Row.SubjectHash = SubjectNormalizer.Hash(p.Subject, p.TrackingToken);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            computed += pending.Count;
        }
    }
}
