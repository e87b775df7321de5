using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>CRM email out through SMTP into the recipient's mailbox and the sender's Sent folder.</summary>
public abstract class OutgoingMailTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    [Fact]
    public async Task Crm_email_reaches_the_recipient_and_the_senders_sent_folder_once()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var profile = await setup.ImapProfileAsync();
        var sender = await setup.UserAsync(profile);
        var recipient = await setup.Mail.AddUserAsync("r");
        await setup.TestAndEnableAsync(sender.MailboxId);

        var draft = await setup.Admin.CreateAsync("emails", new JsonObject
        {
            ["subject"] = "Your quote", ["description"] = "<p>Attached is the <b>quote</b>.</p>",
            ["ownerid@odata.bind"] = $"/systemusers({sender.Id})",
            ["email_activity_parties"] = new JsonArray(new JsonObject { ["participationtypemask"] = 2, ["addressused"] = recipient }),
        });
        var id = draft["activityid"]!.GetValue<Guid>();
        var quote = Enumerable.Range(0, 40_000).Select(i => (byte)(i * 31 % 251)).ToArray();
        await setup.Admin.CreateAsync("activitymimeattachments", new JsonObject
        {
            ["objectid_email@odata.bind"] = $"/emails({id})", ["filename"] = "quote.pdf", ["mimetype"] = "application/pdf", ["body"] = Convert.ToBase64String(quote),
        });
        await setup.Admin.PostActionAsync($"emails({id})/Microsoft.Dynamics.CRM.SendEmail", new JsonObject { ["IssueSend"] = true });

        var sent = await Eventually.ValueAsync(async () =>
        {
            var row = await setup.Admin.GetAsync($"emails({id})");
            return row["statuscode"]!.GetValue<int>() == 3 ? row : null;
        }, "the email to be sent");
        Assert.Equal(1, sent["deliveryattempts"]!.GetValue<int>());
        Assert.Equal(sender.MailboxId, sent["_sendermailboxid_value"]!.GetValue<Guid>());
        var messageId = sent["messageid"]!.GetValue<string>().Trim('<', '>');
        await Eventually.TrueAsync(async () => (await setup.Mail.MessageIdsAsync(recipient)).Contains(messageId), "the message in the recipient's INBOX");
        await Eventually.TrueAsync(async () => (await setup.Mail.MessageIdsAsync(sender.Address, "Sent")).Contains(messageId), "the message in the sender's Sent folder");
        var delivered = (await setup.Mail.MessageAsync(recipient, messageId))!;
        var attachment = Assert.Single(delivered.Attachments.OfType<MimeKit.MimePart>());
        using (var bytes = new MemoryStream())
        {
            await attachment.Content!.DecodeToAsync(bytes);
            Assert.Equal(("quote.pdf", "application/pdf"), (attachment.FileName, attachment.ContentType.MimeType));
            Assert.Equal(quote, bytes.ToArray());
        }

        await Task.Delay(TimeSpan.FromSeconds(3)); // more cycles: nothing is sent or filed twice
        Assert.Single(await setup.Mail.MessageIdsAsync(recipient), m => m == messageId);
        Assert.Single(await setup.Mail.MessageIdsAsync(sender.Address, "Sent"), m => m == messageId);
    }

    [Fact]
    public async Task A_reply_carrying_only_the_tracking_token_is_correlated_to_the_sent_email()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var sender = await setup.UserAsync(await setup.ImapProfileAsync());
        var contact = (await setup.Admin.CreateAsync("contacts", new JsonObject { ["lastname"] = "Buyer", ["emailaddress1"] = "kim@customer.test" }))["contactid"]!.GetValue<Guid>();
        await setup.TestAndEnableAsync(sender.MailboxId);
        var draft = await setup.Admin.CreateAsync("emails", new JsonObject
        {
            ["subject"] = "Proposal", ["ownerid@odata.bind"] = $"/systemusers({sender.Id})",
            ["regardingobjectid_contact@odata.bind"] = $"/contacts({contact})",
            ["email_activity_parties"] = new JsonArray(new JsonObject { ["participationtypemask"] = 2, ["partyid_contact@odata.bind"] = $"/contacts({contact})" }),
        });
        var id = draft["activityid"]!.GetValue<Guid>();
        await setup.Admin.PostActionAsync($"emails({id})/Microsoft.Dynamics.CRM.SendEmail", new JsonObject { ["IssueSend"] = true });
        var token = (await setup.Admin.GetAsync($"emails({id})"))["trackingtoken"]!.GetValue<string>();

        // The customer's client drops In-Reply-To but keeps the subject with the token.
        var reply = new MimeKit.MimeMessage { Subject = $"RE: Proposal {token}", MessageId = $"{Guid.NewGuid():N}@customer.test" };
        reply.From.Add(MimeKit.MailboxAddress.Parse("kim@customer.test"));
        reply.To.Add(MimeKit.MailboxAddress.Parse(sender.Address));
        reply.Body = new MimeKit.TextPart("plain") { Text = "Accepted." };
        await setup.Mail.DeliverAsync(reply);
        var received = await setup.EmailByMessageIdAsync(reply.MessageId);
        Assert.Equal(4, received["correlationmethod"]!.GetValue<int>());
        Assert.Equal(contact, received["_regardingobjectid_value"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Smart_matching_correlates_a_reply_by_subject_and_addresses_when_enabled()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        await setup.Admin.PatchAsync($"organizations({await setup.Scenario.OrganizationIdAsync()})", new JsonObject { ["enablesmartmatching"] = true });
        var sender = await setup.UserAsync(await setup.ImapProfileAsync());
        var contact = (await setup.Admin.CreateAsync("contacts", new JsonObject { ["lastname"] = "Planner", ["emailaddress1"] = "lou@customer.test" }))["contactid"]!.GetValue<Guid>();
        await setup.TestAndEnableAsync(sender.MailboxId);
        var draft = await setup.Admin.CreateAsync("emails", new JsonObject
        {
            ["subject"] = "Budget 2027", ["ownerid@odata.bind"] = $"/systemusers({sender.Id})",
            ["regardingobjectid_contact@odata.bind"] = $"/contacts({contact})",
            ["email_activity_parties"] = new JsonArray(new JsonObject { ["participationtypemask"] = 2, ["partyid_contact@odata.bind"] = $"/contacts({contact})" }),
        });
        await setup.Admin.PostActionAsync($"emails({draft["activityid"]})/Microsoft.Dynamics.CRM.SendEmail", new JsonObject { ["IssueSend"] = true });

        // No In-Reply-To, no token: only the subject and the two addresses tie the reply to the sent email.
        var reply = new MimeKit.MimeMessage { Subject = "RE: Budget 2027", MessageId = $"{Guid.NewGuid():N}@customer.test" };
        reply.From.Add(MimeKit.MailboxAddress.Parse("lou@customer.test"));
        reply.To.Add(MimeKit.MailboxAddress.Parse(sender.Address));
        reply.Body = new MimeKit.TextPart("plain") { Text = "Looks good." };
        await setup.Mail.DeliverAsync(reply);
        var received = await setup.EmailByMessageIdAsync(reply.MessageId);
        Assert.Equal(6, received["correlationmethod"]!.GetValue<int>());
        Assert.Equal(contact, received["_regardingobjectid_value"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Smart_matching_finds_the_newest_thread_among_many_between_the_same_two_people()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        await setup.Admin.PatchAsync($"organizations({await setup.Scenario.OrganizationIdAsync()})", new JsonObject { ["enablesmartmatching"] = true });
        var user = await setup.UserAsync(await setup.ImapProfileAsync());
        await setup.TestAndEnableAsync(user.MailboxId);
        async Task<Guid> ContactAsync(string name) =>
            (await setup.Admin.CreateAsync("contacts", new JsonObject { ["lastname"] = name }))["contactid"]!.GetValue<Guid>();
        async Task TrackAsync(string subject, Guid regarding) => await setup.Admin.CreateAsync("emails", new JsonObject
        {
            ["subject"] = subject, ["regardingobjectid_contact@odata.bind"] = $"/contacts({regarding})",
            ["email_activity_parties"] = new JsonArray(
                new JsonObject { ["participationtypemask"] = 1, ["addressused"] = user.Address },
                new JsonObject { ["participationtypemask"] = 2, ["addressused"] = "kim@partner.test" }),
        });
        var older = await ContactAsync("Older");
        var newer = await ContactAsync("Newer");
        var other = await ContactAsync("Other");
        // The same two people: an old thread, sixty others, then a newer thread with the same subject.
        await TrackAsync("Budget review", older);
        for (var i = 0; i < 60; i++) await TrackAsync($"Weekly sync {i}", other);
        await TrackAsync("Budget review", newer);

        var reply = new MimeKit.MimeMessage { Subject = "SV: Budget review", MessageId = $"{Guid.NewGuid():N}@partner.test" };
        reply.From.Add(MimeKit.MailboxAddress.Parse("kim@partner.test"));
        reply.To.Add(MimeKit.MailboxAddress.Parse(user.Address));
        reply.Body = new MimeKit.TextPart("plain") { Text = "Agreed." };
        await setup.Mail.DeliverAsync(reply);
        var received = await setup.EmailByMessageIdAsync(reply.MessageId);
        Assert.Equal(6, received["correlationmethod"]!.GetValue<int>());
        Assert.Equal(newer, received["_regardingobjectid_value"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Email_from_a_mailbox_that_is_not_enabled_stays_pending()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var sender = await setup.UserAsync(await setup.ImapProfileAsync());
        var draft = await setup.Admin.CreateAsync("emails", new JsonObject
        {
            ["subject"] = "Waiting", ["ownerid@odata.bind"] = $"/systemusers({sender.Id})",
            ["email_activity_parties"] = new JsonArray(new JsonObject { ["participationtypemask"] = 2, ["addressused"] = "x@outside.test" }),
        });
        var id = draft["activityid"]!.GetValue<Guid>();
        await setup.Admin.PostActionAsync($"emails({id})/Microsoft.Dynamics.CRM.SendEmail", new JsonObject { ["IssueSend"] = true });
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(6, (await setup.Admin.GetAsync($"emails({id})"))["statuscode"]!.GetValue<int>());
    }
}

public sealed class OutgoingMailTestsOnSqlite(SqliteEngineServer server) : OutgoingMailTests<SqliteEngineServer>(server);
public sealed class OutgoingMailTestsOnPostgres(PostgresEngineServer server) : OutgoingMailTests<PostgresEngineServer>(server);
