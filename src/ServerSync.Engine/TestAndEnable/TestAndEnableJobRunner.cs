using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Monitoring;
using ServerSync.Storage;

namespace ServerSync.Engine.TestAndEnable;

/// <summary>
/// Runs one Test &amp; Enable background job (an asyncoperations row) over its mailboxes, with progress in
/// percentcomplete. The job is claimed by a row-version update first, so two nodes never run it twice.
/// </summary>
public sealed class TestAndEnableJobRunner(ServerSyncDbContext db, MailboxTester tester, TimeProvider clock)
{
    public async Task RunAsync(Guid jobId, CancellationToken ct)
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
            if (await db.Mailboxes.AnyAsync(m => m.Id == ids[i], ct) && await tester.TestAsync(ids[i], ct)) enabled++;
            job.PercentComplete = (i + 1) * 100 / ids.Count;
            job.VersionNumber++;
            await db.SaveChangesAsync(ct);
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
