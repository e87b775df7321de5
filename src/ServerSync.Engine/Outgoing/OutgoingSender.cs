using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServerSync.Connectors.Abstractions;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Email;
using ServerSync.Domain.Monitoring;
using ServerSync.Engine.Alerts;
using ServerSync.Storage;

namespace ServerSync.Engine.Outgoing;

/// <summary>
/// Sends a mailbox's Pending Send emails: Pending Send → Sending (attempt counted, committed) → connected and signed
/// in → transfer marker committed → SMTP → Sent (committed at once) → copy in the Sent folder (flag committed).
/// These engine-owned columns are written column-scoped (one UPDATE of just them, no row-version check), so a user's
/// edit of the same email meanwhile (regardingobjectid may be set on a Sending email) neither fails nor undoes them.
/// Restarting after a crash resumes from what was committed: an email left in Sending without the marker never
/// reached the transfer and is sent; with the marker it may have been accepted, so it is Sent if the Sent folder
/// holds it and otherwise Failed with an alert, never sent blindly again.
/// </summary>
public sealed class OutgoingSender(ServerSyncDbContext db, MimeComposer composer, AlertWriter alerts, TimeProvider clock, ILogger<OutgoingSender> logger)
{
    private const int BatchSize = 50;

    /// <returns>How many emails reached Sent in this call, and how many failed (refused, not composable, or of unknown outcome).</returns>
    public async Task<SendResult> SendPendingAsync(Mailbox mailbox, Organization org, IOutgoingConnector smtp, MailServerEndpoint outgoing,
        ISentFolder? sentFolder, MailServerEndpoint? incoming, TimeSpan transientBackoff, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var emails = await db.Emails.AsNoTracking()
            .Where(e => e.SenderMailboxId == mailbox.Id
                && ((e.StatusCode == (int)EmailStatus.PendingSend && (e.PostponeSendingUntil == null || e.PostponeSendingUntil <= now))
                    || e.StatusCode == (int)EmailStatus.Sending
                    || (e.StatusCode == (int)EmailStatus.Sent && !e.SavedToSentFolder && sentFolder != null)))
            .OrderBy(e => e.ModifiedOn).Take(BatchSize).ToListAsync(ct);
        int sent = 0, failed = 0;
        var filing = true;
        foreach (var email in emails)
        {
            MimeKit.MimeMessage message;
            try
            {
                message = await composer.ComposeAsync(email, mailbox, ct);
            }
            catch (UncomposableEmailException e)
            {
                // The email's own content is at fault: it fails, and the mailbox's other email goes on.
                await MarkFailedAsync(email.Id, ct);
                alerts.OnMailbox(org, mailbox, TraceLevel.Error, $"The email \"{email.Subject}\" ({email.Id}) couldn't be sent: {e.Message}. Correct it and send it again.");
                await db.SaveChangesAsync(ct);
                failed++;
                continue;
            }
            if (email.StatusCode == (int)EmailStatus.Sending && email.SmtpTransferStartedOn is { } transferStarted)
            {
                // A previous attempt reached the transfer and its outcome was never recorded (a crash, a failed commit).
                if (sentFolder is not null && await IsFiledAsync(sentFolder, incoming!, message.MessageId!, ct) == true)
                {
                    await MarkSentAsync(email.Id, savedToSentFolder: true, ct);
                    sent++;
                    continue;
                }
                await MarkFailedAsync(email.Id, ct);
                alerts.OnMailbox(org, mailbox, TraceLevel.Error,
                    $"The email \"{email.Subject}\" ({email.Id}) may already have been delivered: its transfer to the SMTP server began at {transferStarted:u} and its outcome was never recorded. "
                    + "It is marked Failed instead of being sent again, so that no recipient gets it twice; check with the recipients and send it again if needed.");
                await db.SaveChangesAsync(ct);
                failed++;
                continue;
            }
            if (email.StatusCode != (int)EmailStatus.Sent)
            {
                // Deleted or changed since it was read: not this pass's to send.
                if (!await ClaimAsync(email.Id, ct)) continue;
                try
                {
                    await smtp.SendAsync(outgoing, message, token => MarkTransferStartedAsync(email.Id, token), ct);
                }
                catch (MailServerException e) when (e.Kind == MailErrorKind.MessageRejected)
                {
                    await MarkFailedAsync(email.Id, ct);
                    alerts.OnMailbox(org, mailbox, TraceLevel.Error, $"The email \"{email.Subject}\" couldn't be sent: {e.Message}");
                    await db.SaveChangesAsync(ct);
                    failed++;
                    continue;
                }
                catch (MailServerException)
                {
                    // Transient or a mailbox-level problem, and the server didn't accept it: the email waits in Pending Send;
                    // the cycle decides about the mailbox.
                    await BackToPendingAsync(email.Id, clock.GetUtcNow() + transientBackoff, CancellationToken.None);
                    throw;
                }
                await MarkSentAsync(email.Id, savedToSentFolder: sentFolder is null, CancellationToken.None);
                sent++;
            }
            if (sentFolder is not null && filing)
                filing = await FileCopyAsync(org, mailbox, email, message, sentFolder, incoming!, ct);
        }
        return new SendResult(sent, failed);
    }

    private IQueryable<EmailActivity> Email(Guid id) => db.Emails.Where(e => e.Id == id);

    /// <summary>Pending Send (or Sending without a transfer) → Sending, one attempt more; false when the email is no longer either.</summary>
    private async Task<bool> ClaimAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await Email(id).Where(e => e.StatusCode == (int)EmailStatus.PendingSend || (e.StatusCode == (int)EmailStatus.Sending && e.SmtpTransferStartedOn == null))
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.StatusCode, (int)EmailStatus.Sending)
                .SetProperty(e => e.DeliveryAttempts, e => e.DeliveryAttempts + 1)
                .SetProperty(e => e.VersionNumber, e => e.VersionNumber + 1)
                .SetProperty(e => e.ModifiedOn, now), ct) == 1;
    }

    /// <summary>Internal bookkeeping, invisible to the API: no new row version.</summary>
    private async Task MarkTransferStartedAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await Email(id).ExecuteUpdateAsync(s => s.SetProperty(e => e.SmtpTransferStartedOn, now), ct);
    }

    private async Task MarkSentAsync(Guid id, bool savedToSentFolder, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await Email(id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.StatusCode, (int)EmailStatus.Sent)
            .SetProperty(e => e.StateCode, (int)EmailState.Completed)
            .SetProperty(e => e.SentOn, now)
            .SetProperty(e => e.SavedToSentFolder, savedToSentFolder)
            .SetProperty(e => e.VersionNumber, e => e.VersionNumber + 1)
            .SetProperty(e => e.ModifiedOn, now), ct);
    }

    private async Task MarkFailedAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await Email(id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.StatusCode, (int)EmailStatus.Failed)
            .SetProperty(e => e.StateCode, (int)EmailState.Open)
            .SetProperty(e => e.SmtpTransferStartedOn, (DateTimeOffset?)null)
            .SetProperty(e => e.VersionNumber, e => e.VersionNumber + 1)
            .SetProperty(e => e.ModifiedOn, now), ct);
    }

    private async Task BackToPendingAsync(Guid id, DateTimeOffset until, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await Email(id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.StatusCode, (int)EmailStatus.PendingSend)
            .SetProperty(e => e.PostponeSendingUntil, until)
            .SetProperty(e => e.SmtpTransferStartedOn, (DateTimeOffset?)null)
            .SetProperty(e => e.VersionNumber, e => e.VersionNumber + 1)
            .SetProperty(e => e.ModifiedOn, now), ct);
    }

    private Task MarkFiledAsync(Guid id, CancellationToken ct) =>
        Email(id).ExecuteUpdateAsync(s => s.SetProperty(e => e.SavedToSentFolder, true), ct);

    /// <summary>
    /// Files the sent email's copy in the Sent folder (unless it is there already). Filing is not sending: its failure is
    /// a warning on the mailbox and sending goes on. A server without a Sent folder won't get one by retrying, so that
    /// email's filing ends there; a transient failure leaves it for the next cycle and ends filing for this one.
    /// </summary>
    /// <returns>Whether to go on filing copies in this pass.</returns>
    private async Task<bool> FileCopyAsync(Organization org, Mailbox mailbox, EmailActivity email, MimeKit.MimeMessage message, ISentFolder sentFolder,
        MailServerEndpoint incoming, CancellationToken ct)
    {
        try
        {
            if (!await sentFolder.ContainsAsync(incoming, message.MessageId!, ct))
                await sentFolder.AppendAsync(incoming, message, ct);
        }
        catch (MailServerException e)
        {
            var retried = !e.IsPermanent;
            // Logged too: the org may have warning alerts switched off.
            logger.LogWarning("Filing sent email {Email} in the Sent folder of mailbox {Mailbox} failed ({Class}/{Kind}): {Message}", email.Id, mailbox.Id, e.ErrorClass, e.Kind, e.Message);
            alerts.OnMailbox(org, mailbox, TraceLevel.Warning,
                $"The email \"{email.Subject}\" ({email.Id}) was sent, but its copy couldn't be filed in the Sent folder of mailbox {mailbox.Name}: {e.Message} "
                + (retried ? "ServerSync tries again at the next cycle." : "It is not filed; sending goes on."), (int)e.Kind);
            if (!retried) await MarkFiledAsync(email.Id, ct);
            await db.SaveChangesAsync(ct);
            return !retried;
        }
        await MarkFiledAsync(email.Id, ct);
        return true;
    }

    /// <summary>Whether the Sent folder holds the message; null when the folder can't be read (no Sent folder, server down).</summary>
    private static async Task<bool?> IsFiledAsync(ISentFolder sentFolder, MailServerEndpoint incoming, string messageId, CancellationToken ct)
    {
        try
        {
            return await sentFolder.ContainsAsync(incoming, messageId, ct);
        }
        catch (MailServerException)
        {
            return null;
        }
    }
}
