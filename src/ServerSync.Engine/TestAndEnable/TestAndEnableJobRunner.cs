using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Monitoring;
using ServerSync.Storage;

namespace ServerSync.Engine.TestAndEnable;

/// <summary>
/// Runs one Test &amp; Enable background job (an asyncoperations row) over its mailboxes, with progress in
/// percentcomplete. The job is claimed by a row-version update first, so two nodes never run it twice.
/// The callback hears of each mailbox as soon as it is stored enabled, so its first cycle
/// can start at once instead of at the next scheduler pass.
/// </summary>
public sealed class TestAndEnableJobRunner(ServerSyncDbContext db, MailboxTester tester, TimeProvider clock)
{
    public async Task RunAsync(Guid jobId, Action<Guid> mailboxEnabled, CancellationToken ct)
    {
        var job = await db.AsyncOperations.FirstOrDefaultAsync(j => j.Id == jobId && j.StateCode == (int)AsyncOperationState.Ready, ct);
        if (job is null) return;
        job.StateCode = (int)AsyncOperationState.Locked;
        job.StatusCode = (int)AsyncOperationStatus.InProgress;
        job.StartedOn = clock.GetUtcNow();
        job.VersionNumber++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return; // claimed elsewhere
        }

        var ids = (job.Data ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();
        var enabled = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            var success = await db.Mailboxes.AnyAsync(m => m.Id == ids[i], ct) && await tester.TestAsync(ids[i], ct);
            job.PercentComplete = (i + 1) * 100 / ids.Count;
            job.VersionNumber++;
            await db.SaveChangesAsync(ct);
            if (!success) continue;
            enabled++;
            mailboxEnabled(ids[i]);
        }
        job.StateCode = (int)AsyncOperationState.Completed;
        job.StatusCode = enabled == ids.Count ? (int)AsyncOperationStatus.Succeeded : (int)AsyncOperationStatus.Failed;
        job.PercentComplete = 100;
        job.CompletedOn = clock.GetUtcNow();
        job.Message = $"{enabled} of {ids.Count} mailboxes tested and enabled.";
        job.FriendlyMessage = job.Message;
        job.VersionNumber++;
        await db.SaveChangesAsync(ct);
    }
}
