using Microsoft.EntityFrameworkCore;
using ServerSync.Connectors.Abstractions;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Email;
using ServerSync.Domain.Monitoring;
using ServerSync.Engine.Alerts;
using ServerSync.Storage;

namespace ServerSync.Engine.Outgoing;

/// <summary>
/// Sends a mailbox's Pending Send emails: Pending Send → Sending (attempt counted, committed) → SMTP →
/// Sent (committed at once) → copy in the Sent folder (flag committed). Restarting after a crash resumes
/// from what was committed: an email left in Sending is looked for in the Sent folder before it is sent
/// again, and a Sent email whose copy is missing gets it (checked first, never appended twice).
/// </summary>
/// <remarks>
/// The one window no mail protocol can close is a crash between the server's "250 OK" and the commit of
/// Sent, a few milliseconds; the stable Message-ID lets receivers (ServerSync's own import included)
/// recognise the message if it goes out twice.
/// </remarks>
public sealed class OutgoingSender(ServerSyncDbContext db, MimeComposer composer, AlertWriter alerts, TimeProvider clock)
{
    private const int BatchSize = 50;

    /// <returns>How many emails reached Sent in this call, and how many failed (refused by the server, or not composable).</returns>
    public async Task<SendResult> SendPendingAsync(Mailbox mailbox, Organization org, IOutgoingConnector smtp, MailServerEndpoint outgoing,
        ISentFolder? sentFolder, MailServerEndpoint? incoming, TimeSpan transientBackoff, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var emails = await db.Emails
            .Where(e => e.SenderMailboxId == mailbox.Id
                && ((e.StatusCode == (int)EmailStatus.PendingSend && (e.PostponeSendingUntil == null || e.PostponeSendingUntil <= now))
                    || e.StatusCode == (int)EmailStatus.Sending
                    || (e.StatusCode == (int)EmailStatus.Sent && !e.SavedToSentFolder && sentFolder != null)))
            .OrderBy(e => e.ModifiedOn).Take(BatchSize).ToListAsync(ct);
        int sent = 0, failed = 0;
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
                MarkFailed(email);
                alerts.OnMailbox(org, mailbox, TraceLevel.Error, $"The email \"{email.Subject}\" ({email.Id}) couldn't be sent: {e.Message}. Correct it and send it again.");
                await db.SaveChangesAsync(ct);
                failed++;
                continue;
            }
            var messageId = message.MessageId!;
            if (email.StatusCode == (int)EmailStatus.Sending && sentFolder is not null
                && await sentFolder.ContainsAsync(incoming!, messageId, ct))
            {
                // The previous attempt went out and was filed before the process died.
                MarkSent(email, savedToSentFolder: true);
                await db.SaveChangesAsync(ct);
                continue;
            }
            if (email.StatusCode != (int)EmailStatus.Sent)
            {
                email.StatusCode = (int)EmailStatus.Sending;
                email.DeliveryAttempts++;
                Touch(email);
                await db.SaveChangesAsync(ct);
                try
                {
                    await smtp.SendAsync(outgoing, message, ct);
                }
                catch (MailServerException e) when (e.Kind == MailErrorKind.MessageRejected)
                {
                    MarkFailed(email);
                    alerts.OnMailbox(org, mailbox, TraceLevel.Error, $"The email \"{email.Subject}\" couldn't be sent: {e.Message}");
                    await db.SaveChangesAsync(ct);
                    failed++;
                    continue;
                }
                catch (MailServerException)
                {
                    // Transient or a mailbox-level problem: the email waits in Pending Send; the cycle decides about the mailbox.
                    email.StatusCode = (int)EmailStatus.PendingSend;
                    email.PostponeSendingUntil = clock.GetUtcNow() + transientBackoff;
                    Touch(email);
                    await db.SaveChangesAsync(CancellationToken.None);
                    throw;
                }
                MarkSent(email, savedToSentFolder: sentFolder is null);
                await db.SaveChangesAsync(CancellationToken.None);
                sent++;
            }
            if (sentFolder is not null)
            {
                if (!await sentFolder.ContainsAsync(incoming!, messageId, ct))
                    await sentFolder.AppendAsync(incoming!, message, ct);
                email.SavedToSentFolder = true;
                await db.SaveChangesAsync(ct);
            }
        }
        return new SendResult(sent, failed);
    }

    private void MarkSent(EmailActivity email, bool savedToSentFolder)
    {
        email.StatusCode = (int)EmailStatus.Sent;
        email.StateCode = (int)EmailState.Completed;
        email.SentOn = clock.GetUtcNow();
        email.SavedToSentFolder = savedToSentFolder;
        Touch(email);
    }

    private void MarkFailed(EmailActivity email)
    {
        email.StatusCode = (int)EmailStatus.Failed;
        email.StateCode = (int)EmailState.Open;
        Touch(email);
    }

    private void Touch(EmailActivity email)
    {
        email.VersionNumber++;
        email.ModifiedOn = clock.GetUtcNow();
    }
}
