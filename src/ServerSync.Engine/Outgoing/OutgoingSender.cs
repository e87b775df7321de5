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
public sealed class OutgoingSender(ServerSyncDbContext db, MimeComposer composer, AlertWriter alerts, TimeProvider clock, ILogger<OutgoingSender> logger)
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
                MarkFailed(email);
                alerts.OnMailbox(org, mailbox, TraceLevel.Error, $"The email \"{email.Subject}\" ({email.Id}) couldn't be sent: {e.Message}. Correct it and send it again.");
                await db.SaveChangesAsync(ct);
                failed++;
                continue;
            }
            var messageId = message.MessageId!;
            if (email.StatusCode == (int)EmailStatus.Sending && sentFolder is not null
                && await IsFiledAsync(sentFolder, incoming!, messageId, ct) == true)
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
            if (sentFolder is not null && filing)
                filing = await FileCopyAsync(org, mailbox, email, message, sentFolder, incoming!, ct);
        }
        return new SendResult(sent, failed);
    }

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
            if (!retried) email.SavedToSentFolder = true;
            await db.SaveChangesAsync(ct);
            return !retried;
        }
        email.SavedToSentFolder = true;
        await db.SaveChangesAsync(ct);
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
