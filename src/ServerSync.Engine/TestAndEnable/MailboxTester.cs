using Microsoft.EntityFrameworkCore;
using ServerSync.Connectors.Abstractions;
using ServerSync.Domain.Approval;
using ServerSync.Domain.Email;
using ServerSync.Domain.Monitoring;
using ServerSync.Engine.Alerts;
using ServerSync.Engine.Mailboxes;
using ServerSync.Storage;

namespace ServerSync.Engine.TestAndEnable;

/// <summary>
/// Test &amp; Enable of one mailbox (reference 2.2): approval, then a real login to the incoming server with
/// the Inbox opened, then an SMTP connection with authentication (nothing is sent). Results go to
/// incomingemailstatus, outgoingemailstatus, actstatus and testmailboxaccesscompletedon; success enables the
/// mailbox and tells its owner, failure leaves it disabled and alerts the mailbox and the profile owner.
/// </summary>
public sealed class MailboxTester(ServerSyncDbContext db, MailConnectors connectors, MailboxEndpoints endpoints, AlertWriter alerts, TimeProvider clock)
{
    public async Task<bool> TestAsync(Guid mailboxId, CancellationToken ct)
    {
        var mailbox = await db.Mailboxes.SingleAsync(m => m.Id == mailboxId, ct);
        var org = await db.Organizations.SingleAsync(o => o.EnvironmentId == mailbox.EnvironmentId, ct);
        var profile = mailbox.EmailServerProfileId is { } id ? await db.EmailServerProfiles.FirstOrDefaultAsync(p => p.Id == id, ct) : null;
        mailbox.TestEmailConfigurationScheduled = false;
        mailbox.TestEmailConfigurationRetryCount++;
        mailbox.TestMailboxAccessCompletedOn = clock.GetUtcNow();
        mailbox.EnabledForIncomingEmail = mailbox.EnabledForOutgoingEmail = mailbox.EnabledForAct = false;

        var failures = new List<string>();
        if (profile is null)
        {
            failures.Add("The mailbox has no email server profile. Apply the default email settings or choose a profile.");
            mailbox.IncomingEmailStatus = mailbox.OutgoingEmailStatus = (int)TestStatus.Failure;
        }
        else if (ApprovalPolicy.IsApprovalRequired(org, mailbox, profile.Type) && mailbox.EmailRouterAccessApproval != (int)EmailAddressApproval.Approved)
        {
            failures.Add($"The email address of mailbox {mailbox.Name} isn't approved, so it can't send or receive email. Approve the email address, then test and enable the mailbox again.");
            mailbox.IncomingEmailStatus = mailbox.OutgoingEmailStatus = (int)TestStatus.Failure;
        }
        else
        {
            mailbox.IncomingEmailStatus = (int)await TestDirectionAsync(mailbox.IncomingEmailDeliveryMethod == (int)IncomingDeliveryMethod.ServerSideSync,
                () => connectors.Incoming(profile.Type).TestAsync(endpoints.Incoming(profile, mailbox), ct), "incoming", failures);
            mailbox.OutgoingEmailStatus = (int)await TestDirectionAsync(mailbox.OutgoingEmailDeliveryMethod == (int)OutgoingDeliveryMethod.ServerSideSync,
                () => connectors.Outgoing(profile.Type).TestAsync(endpoints.Outgoing(profile, mailbox), ct), "outgoing", failures);
        }
        // Appointments, contacts and tasks need Exchange; POP3 and IMAP profiles never run that test.
        mailbox.ActStatus = (int)TestStatus.NotRun;

        mailbox.EnabledForIncomingEmail = mailbox.IncomingEmailStatus == (int)TestStatus.Success;
        mailbox.EnabledForOutgoingEmail = mailbox.OutgoingEmailStatus == (int)TestStatus.Success;
        mailbox.MailboxStatus = failures.Count == 0 ? (int)TestStatus.Success : (int)TestStatus.Failure;
        if (failures.Count == 0)
        {
            MailboxFailures.Succeeded(mailbox, MailboxFailures.Direction.Incoming);
            MailboxFailures.Succeeded(mailbox, MailboxFailures.Direction.Outgoing);
            mailbox.PostponeMailboxProcessingUntil = null;
            alerts.OnMailbox(org, mailbox, TraceLevel.Information,
                $"Email configuration for mailbox {mailbox.Name} was tested successfully. The mailbox is enabled for {Enabled(mailbox)}.");
        }
        else
        {
            var text = $"Test & Enable of mailbox {mailbox.Name} failed: {string.Join(" ", failures)}";
            alerts.OnMailbox(org, mailbox, TraceLevel.Error, text);
            if (profile is not null) alerts.OnProfile(org, profile, null, TraceLevel.Error, text);
        }
        mailbox.VersionNumber++;
        mailbox.ModifiedOn = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return failures.Count == 0;
    }

    /// <summary>
    /// The failed result of a test that could not run to its end (an unexpected error, a job interrupted too often):
    /// the mailbox stays disabled and its alert says why.
    /// </summary>
    public async Task RecordFailureAsync(Guid mailboxId, string reason, CancellationToken ct)
    {
        var mailbox = await db.Mailboxes.FirstOrDefaultAsync(m => m.Id == mailboxId, ct);
        if (mailbox is null) return;
        var org = await db.Organizations.SingleAsync(o => o.EnvironmentId == mailbox.EnvironmentId, ct);
        mailbox.TestEmailConfigurationScheduled = false;
        mailbox.TestMailboxAccessCompletedOn = clock.GetUtcNow();
        mailbox.EnabledForIncomingEmail = mailbox.EnabledForOutgoingEmail = mailbox.EnabledForAct = false;
        mailbox.IncomingEmailStatus = mailbox.OutgoingEmailStatus = mailbox.MailboxStatus = (int)TestStatus.Failure;
        alerts.OnMailbox(org, mailbox, TraceLevel.Error, $"Test & Enable of mailbox {mailbox.Name} failed: {reason}");
        mailbox.VersionNumber++;
        mailbox.ModifiedOn = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    private static async Task<TestStatus> TestDirectionAsync(bool configured, Func<Task> test, string direction, List<string> failures)
    {
        if (!configured) return TestStatus.NotRun;
        try
        {
            await test();
            return TestStatus.Success;
        }
        catch (MailServerException e)
        {
            failures.Add($"The {direction} email server: {e.Message}");
            return TestStatus.Failure;
        }
    }

    private static string Enabled(Mailbox mailbox) => (mailbox.EnabledForIncomingEmail, mailbox.EnabledForOutgoingEmail) switch
    {
        (true, true) => "incoming and outgoing email",
        (true, false) => "incoming email",
        (false, true) => "outgoing email",
        _ => "nothing (no direction uses server-side synchronization)",
    };
}
