using ServerSync.Connectors.Abstractions;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Email;
using ServerSync.Domain.Monitoring;
using ServerSync.Engine.Alerts;

namespace ServerSync.Engine.Mailboxes;

/// <summary>
/// What a failed cycle does to a mailbox (reference 2.1.4, 2.2): a permanent error disables that direction at
/// once with an alert; a transient one backs off and is retried, and the configured number of consecutive
/// transient failures (10 by default) disables the direction with an alert too.
/// </summary>
public sealed class MailboxFailures(AlertWriter alerts, TimeProvider clock, SyncSettings settings)
{
    public enum Direction { Incoming, Outgoing }

    public void Record(Organization org, EmailServerProfile profile, Mailbox mailbox, Direction direction, MailServerException error)
    {
        var now = clock.GetUtcNow();
        NoteError(mailbox, error.Message, now);
        mailbox.LastSyncErrorCode = (int)error.Kind;
        var what = direction == Direction.Incoming ? "receiving" : "sending";

        if (!error.IsPermanent)
        {
            var failures = direction == Direction.Incoming ? ++mailbox.TransientFailureCount : ++mailbox.OutgoingTransientFailureCount;
            var wait = SyncBackoff.AfterTransientError(settings, error.Kind == MailErrorKind.Timeout);
            if (direction == Direction.Incoming) mailbox.ReceivingPostponedUntil = now + wait;
            else mailbox.PostponeSendingUntil = now + wait;
            if (!SyncBackoff.ShouldDisable(settings, failures))
            {
                alerts.OnMailbox(org, mailbox, TraceLevel.Warning,
                    $"Email {what} for mailbox {mailbox.Name} failed ({failures} of {settings.MaxMailboxTransientFailures} tries): {error.Message} ServerSync will try again in {wait.TotalMinutes:0.#} minutes.", (int)error.Kind);
                return;
            }
            Disable(mailbox, direction);
            var message = $"Mailbox {mailbox.Name} has been disabled for {what} email after {failures} failed attempts in a row. Last error: {error.Message} Fix the cause, then test and enable the mailbox again.";
            alerts.OnMailbox(org, mailbox, TraceLevel.Error, message, (int)error.Kind);
            alerts.OnProfile(org, profile, null, TraceLevel.Error, message, (int)error.Kind);
            return;
        }

        Disable(mailbox, direction);
        var permanent = $"Mailbox {mailbox.Name} has been disabled for {what} email: {error.Message} Fix the cause, then test and enable the mailbox again.";
        alerts.OnMailbox(org, mailbox, TraceLevel.Error, permanent, (int)error.Kind);
        alerts.OnProfile(org, profile, null, TraceLevel.Error, permanent, (int)error.Kind);
    }

    /// <summary>A successful exchange with the server ends a run of transient failures.</summary>
    /// <summary>The last-error columns every failure of a mailbox writes, whatever its kind.</summary>
    public static void NoteError(Mailbox mailbox, string message, DateTimeOffset now)
    {
        mailbox.LastSyncError = StoredText.Cut(message, 2048);
        mailbox.LastSyncErrorCount++;
        mailbox.LastSyncErrorOccurredOn = now;
    }

    public static void Succeeded(Mailbox mailbox, Direction direction)
    {
        if (direction == Direction.Incoming) { mailbox.TransientFailureCount = 0; mailbox.ReceivingPostponedUntil = null; }
        else { mailbox.OutgoingTransientFailureCount = 0; mailbox.PostponeSendingUntil = null; }
    }

    private static void Disable(Mailbox mailbox, Direction direction)
    {
        if (direction == Direction.Incoming)
        {
            mailbox.EnabledForIncomingEmail = false;
            mailbox.IncomingEmailStatus = (int)TestStatus.Failure;
        }
        else
        {
            mailbox.EnabledForOutgoingEmail = false;
            mailbox.OutgoingEmailStatus = (int)TestStatus.Failure;
        }
        mailbox.MailboxStatus = (int)TestStatus.Failure;
    }
}
