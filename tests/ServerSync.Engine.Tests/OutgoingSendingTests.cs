using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ServerSync.Engine.Tests.Harness;

namespace ServerSync.Engine.Tests;

/// <summary>
/// Sending as the engine does it between the server's "250 OK" and the store, and when one email or the Sent folder is
/// at fault: fake clock, default settings, in-memory mail server (<see cref="EngineHarness"/>).
/// </summary>
public sealed class OutgoingSendingTests(EngineHarness harness) : IClassFixture<EngineHarness>
{
    private static readonly TimeSpan SendLimit = TimeSpan.FromMinutes(10);

    private async Task<(MemoryMailboxSetup Setup, MemoryMailUser User)> EnabledUserAsync()
    {
        var setup = await MemoryMailboxSetup.CreateAsync(harness);
        var user = await setup.UserAsync(await setup.ProfileAsync());
        await setup.TestAndEnableAsync(user);
        return (setup, user);
    }

    private static async Task<Guid> DraftAsync(MemoryMailboxSetup setup, MemoryMailUser user, string subject) =>
        (await setup.Admin.CreateAsync("emails", new JsonObject
        {
            ["subject"] = subject, ["ownerid@odata.bind"] = $"/systemusers({user.Id})",
            ["email_activity_parties"] = new JsonArray(new JsonObject { ["participationtypemask"] = 2, ["addressused"] = "buyer@outside.test" }),
        }))["activityid"]!.GetValue<Guid>();

    private static Task SendAsync(MemoryMailboxSetup setup, Guid email) =>
        setup.Admin.PostActionAsync($"emails({email})/Microsoft.Dynamics.CRM.SendEmail", new JsonObject { ["IssueSend"] = true });

    private static async Task<int> StatusAsync(MemoryMailboxSetup setup, Guid email) =>
        (await setup.Admin.GetAsync($"emails({email})"))["statuscode"]!.GetValue<int>();

    private static async Task<List<string>> AlertsAsync(MemoryMailboxSetup setup, Guid mailbox, int level) =>
        (await setup.Admin.ListAsync($"tracelogs?$filter=_regardingobjectid_value eq {mailbox} and level eq {level}"))
            .Select(a => a!["text"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task An_email_that_cant_be_composed_fails_with_an_alert_naming_it_and_the_mailboxs_other_email_goes_out()
    {
        var (setup, user) = await EnabledUserAsync();
        var broken = await DraftAsync(setup, user, "Broken attachment type");
        await setup.Admin.CreateAsync("activitymimeattachments", new JsonObject
        {
            ["objectid_email@odata.bind"] = $"/emails({broken})", ["filename"] = "notes.txt", ["mimetype"] = "x", ["body"] = Convert.ToBase64String("notes"u8.ToArray()),
        });
        await SendAsync(setup, broken);
        await harness.AdvanceAsync(EngineHarness.Step * 2); // a pass picks the broken email up first
        var fine = await DraftAsync(setup, user, "Fine email");
        await SendAsync(setup, fine);

        await harness.AdvanceUntilAsync(async () => await StatusAsync(setup, fine) == 3, SendLimit, "the fine email to be sent");
        Assert.Equal(8, await StatusAsync(setup, broken));
        Assert.Contains(await AlertsAsync(setup, user.MailboxId, 3), t => t.Contains("Broken attachment type") && t.Contains("notes.txt") && t.Contains("\"x\""));
        Assert.DoesNotContain(user.Account.Sent, m => m.Subject?.StartsWith("Broken", StringComparison.Ordinal) == true);
        Assert.True((await setup.MailboxAsync(user.MailboxId))["enabledforoutgoingemail"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_server_without_a_sent_folder_gets_a_warning_per_email_and_sending_goes_on()
    {
        var (setup, user) = await EnabledUserAsync();
        await setup.Admin.PatchAsync($"organizations({await setup.Scenario.OrganizationIdAsync()})", new JsonObject { ["generatealertsforwarnings"] = true });
        user.Account.HasSentFolder = false;
        var first = await DraftAsync(setup, user, "First without Sent folder");
        await SendAsync(setup, first);
        await harness.AdvanceUntilAsync(async () => await StatusAsync(setup, first) == 3, SendLimit, "the first email to be sent");
        var second = await DraftAsync(setup, user, "Second without Sent folder");
        await SendAsync(setup, second);

        await harness.AdvanceUntilAsync(async () => await StatusAsync(setup, second) == 3, SendLimit, "the second email to be sent");
        Assert.Equal(2, user.Account.Sent.Count);
        var warnings = await AlertsAsync(setup, user.MailboxId, 2);
        Assert.Contains(warnings, t => t.Contains("First without Sent folder") && t.Contains("Sent folder"));
        Assert.Contains(warnings, t => t.Contains("Second without Sent folder") && t.Contains("Sent folder"));
        var mailbox = await setup.MailboxAsync(user.MailboxId);
        Assert.True(mailbox["enabledforoutgoingemail"]!.GetValue<bool>());
        Assert.Empty(await AlertsAsync(setup, user.MailboxId, 3));

        // Each email is warned about once, not again at every cycle.
        await harness.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(warnings.Count, (await AlertsAsync(setup, user.MailboxId, 2)).Count);
    }

    [Fact]
    public async Task A_user_edit_between_the_servers_accept_and_the_sent_commit_neither_fails_nor_sends_twice()
    {
        var (setup, user) = await EnabledUserAsync();
        var contact = (await setup.Admin.CreateAsync("contacts", new JsonObject { ["lastname"] = "Buyer" }))["contactid"]!.GetValue<Guid>();
        var email = await DraftAsync(setup, user, "Edited while sending");
        var edited = 0;
        user.Account.AfterSend = async (_, _) =>
        {
            // The server said 250; before the engine records Sent, a user sets what the email is about.
            if (Interlocked.Exchange(ref edited, 1) == 0)
                await setup.Admin.PatchAsync($"emails({email})", new JsonObject { ["regardingobjectid_contact@odata.bind"] = $"/contacts({contact})" });
        };
        await SendAsync(setup, email);

        await harness.AdvanceUntilAsync(async () => await StatusAsync(setup, email) == 3, SendLimit, "the email to be sent");
        await harness.AdvanceAsync(TimeSpan.FromMinutes(10)); // later cycles must not send it again
        Assert.Equal(1, edited);
        Assert.Single(user.Account.Sent);
        var row = await setup.Admin.GetAsync($"emails({email})");
        Assert.Equal(3, row["statuscode"]!.GetValue<int>());
        Assert.Equal(1, row["deliveryattempts"]!.GetValue<int>());
        Assert.Equal(contact, row["_regardingobjectid_value"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task An_email_whose_transfer_began_but_whose_outcome_was_never_recorded_is_not_sent_again()
    {
        var (setup, user) = await EnabledUserAsync();
        var email = await DraftAsync(setup, user, "Outcome unknown");
        var crashed = 0;
        user.Account.AfterSend = (_, _) =>
            // Accepted by the server, then the engine's work dies before it records Sent (a crash, a store failure).
            Interlocked.Exchange(ref crashed, 1) == 0 ? throw new InvalidOperationException("the node stopped") : Task.CompletedTask;
        await SendAsync(setup, email);

        await harness.AdvanceUntilAsync(async () => await StatusAsync(setup, email) == 8, SendLimit, "the email to be marked Failed");
        await harness.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Single(user.Account.Sent);
        Assert.Equal(8, await StatusAsync(setup, email));
        Assert.Contains(await AlertsAsync(setup, user.MailboxId, 3), t => t.Contains("Outcome unknown") && t.Contains("may already have been delivered"));
    }

    [Fact]
    public async Task Pending_mail_of_a_mailbox_whose_sending_is_disabled_does_not_wake_its_incoming_side_every_pass()
    {
        var (setup, user) = await EnabledUserAsync();
        // Sending disabled by a permanent error (an expired SMTP password), receiving fine.
        await harness.StoreAsync(db => db.Mailboxes.Where(m => m.Id == user.MailboxId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.EnabledForOutgoingEmail, false).SetProperty(m => m.OutgoingEmailStatus, 2)));
        var email = await DraftAsync(setup, user, "Waiting for a working SMTP login");
        await SendAsync(setup, email);
        var (fetches, idleWaits) = (user.Account.Fetches, user.Account.IdleWaitsStarted);

        await harness.AdvanceAsync(TimeSpan.FromMinutes(10));
        // The backoff's cycles only (60 s doubling to 300 s: a handful), not one login per 15 s scheduler pass (40).
        Assert.InRange(user.Account.Fetches - fetches, 1, 6);
        Assert.InRange(user.Account.IdleWaitsStarted - idleWaits, 0, 6);
        Assert.Equal(6, await StatusAsync(setup, email));
        Assert.Empty(user.Account.Sent);
    }
}
