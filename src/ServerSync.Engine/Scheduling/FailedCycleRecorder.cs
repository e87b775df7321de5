using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServerSync.Domain.Email;
using ServerSync.Domain.Monitoring;
using ServerSync.Engine.Alerts;
using ServerSync.Engine.Mailboxes;
using ServerSync.Storage;

namespace ServerSync.Engine.Scheduling;

/// <summary>
/// Makes a cycle that failed outside the mail server error handling visible instead of only logged: the mailbox's
/// <c>lastsyncerror</c> says what went wrong, and when it has happened MaxMailboxTransientFailures times in a row an
/// error alert says so once. The mailbox stays enabled (the cause is not its configuration) and is tried again after
/// MailboxBackoffOnTransientError. Best effort: when the store itself is what fails, only the log can tell.
/// </summary>
public sealed class FailedCycleRecorder(ServerSyncDbContext db, AlertWriter alerts, SyncSettings settings, TimeProvider clock, ILogger<FailedCycleRecorder> logger)
{
    /// <returns>When to try the mailbox again.</returns>
    public async Task<DateTimeOffset> RecordAsync(Guid mailboxId, Exception error, int failuresInARow, CancellationToken ct)
    {
        var wait = SyncBackoff.AfterTransientError(settings, timeout: false);
        logger.LogWarning(error, "Cycle of mailbox {Mailbox} failed ({Failures} in a row); trying again in {Wait}", mailboxId, failuresInARow, wait);
        try
        {
            var mailbox = await db.Mailboxes.FirstOrDefaultAsync(m => m.Id == mailboxId, ct);
            if (mailbox is not null)
            {
                MailboxFailures.NoteError(mailbox, $"Unexpected error: {error.Message}", clock.GetUtcNow());
                if (failuresInARow == settings.MaxMailboxTransientFailures)
                {
                    var org = await db.Organizations.SingleAsync(o => o.EnvironmentId == mailbox.EnvironmentId, ct);
                    alerts.OnMailbox(org, mailbox, TraceLevel.Error,
                        $"Processing mailbox {mailbox.Name} has failed {failuresInARow} times in a row with an unexpected error: {error.Message} ServerSync keeps trying every {wait.TotalMinutes:0.#} minutes; the server log has the details.");
                }
                mailbox.VersionNumber++;
                mailbox.ModifiedOn = clock.GetUtcNow();
                await db.SaveChangesAsync(ct);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not record the failed cycle of mailbox {Mailbox}", mailboxId);
        }
        return clock.GetUtcNow() + wait;
    }
}
