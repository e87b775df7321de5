using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ServerSync.Storage;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>Test &amp; Enable and incoming mail, end to end: real Dovecot, the real engine, the public API.</summary>
public abstract class IncomingMailTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    private static MimeMessage Message(string from, string to, string subject, string? inReplyTo = null, string? cc = null)
    {
        var message = new MimeMessage { Subject = subject, MessageId = $"{Guid.NewGuid():N}@sender.test" };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        if (cc is not null) message.Cc.Add(MailboxAddress.Parse(cc));
        if (inReplyTo is not null) message.InReplyTo = inReplyTo;
        message.Body = new TextPart("plain") { Text = $"Body of {subject}" };
        return message;
    }

    [Fact]
    public async Task Test_and_enable_enables_the_mailbox_and_tells_its_owner()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var user = await setup.UserAsync(await setup.ImapProfileAsync());
        var job = await setup.TestAndEnableAsync(user.MailboxId);
        Assert.Equal(30, job["statuscode"]!.GetValue<int>());
        Assert.Equal(100, job["percentcomplete"]!.GetValue<int>());
        var mailbox = await setup.MailboxAsync(user.MailboxId);
        Assert.Equal(1, mailbox["incomingemailstatus"]!.GetValue<int>());
        Assert.Equal(1, mailbox["outgoingemailstatus"]!.GetValue<int>());
        Assert.Equal(0, mailbox["actstatus"]!.GetValue<int>());
        Assert.True(mailbox["enabledforincomingemail"]!.GetValue<bool>());
        Assert.True(mailbox["enabledforoutgoingemail"]!.GetValue<bool>());
        Assert.False(mailbox["testemailconfigurationscheduled"]!.GetValue<bool>());
        Assert.NotNull(mailbox["testmailboxaccesscompletedon"]);
        var alert = Assert.Single(await setup.Admin.ListAsync($"tracelogs?$filter=_regardingobjectid_value eq {user.MailboxId}"))!;
        Assert.Equal(1, alert["level"]!.GetValue<int>());
        Assert.Contains("tested successfully", alert["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Mail_to_a_user_becomes_one_received_activity_with_resolved_parties()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var user = await setup.UserAsync(await setup.ImapProfileAsync());
        var contact = (await setup.Admin.CreateAsync("contacts", new JsonObject { ["lastname"] = "Sender", ["emailaddress1"] = "dana@customer.test" }))["contactid"]!.GetValue<Guid>();
        await setup.TestAndEnableAsync(user.MailboxId);

        var message = Message("Dana <dana@customer.test>", user.Address, "Question about my order");
        await setup.Mail.DeliverAsync(message);
        var email = await setup.EmailByMessageIdAsync(message.MessageId);
        Assert.False(email["directioncode"]!.GetValue<bool>());
        Assert.Equal(4, email["statuscode"]!.GetValue<int>());
        Assert.Equal("Question about my order", email["subject"]!.GetValue<string>());
        Assert.Equal(user.MailboxId, email["_receivingmailboxid_value"]!.GetValue<Guid>());
        var parties = await setup.Admin.ListAsync($"emails({email["activityid"]})/email_activity_parties");
        Assert.Contains(parties, p => p!["participationtypemask"]!.GetValue<int>() == 1 && p["_partyid_value"]?.GetValue<Guid>() == contact);
        Assert.Contains(parties, p => p!["participationtypemask"]!.GetValue<int>() == 2 && p["_partyid_value"]?.GetValue<Guid>() == user.Id);

        // The next cycles find nothing new: still one activity.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(await setup.Admin.ListAsync($"emails?$filter=messageid eq '<{message.MessageId}>'"));
    }

    [Fact]
    public async Task Mail_to_a_user_and_a_queue_is_one_activity_with_a_queue_item()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var profile = await setup.ImapProfileAsync();
        var user = await setup.UserAsync(profile);
        var queue = await setup.QueueAsync(profile);
        await setup.TestAndEnableAsync(user.MailboxId, queue.MailboxId);

        var message = Message("someone@outside.test", user.Address, "To both", cc: queue.Address);
        await setup.Mail.DeliverAsync(message);
        var email = await setup.EmailByMessageIdAsync(message.MessageId);
        await Eventually.TrueAsync(async () => (await setup.MailboxAsync(user.MailboxId))["processedtimes"]!.GetValue<int>() > 1
            && (await setup.MailboxAsync(queue.MailboxId))["processedtimes"]!.GetValue<int>() > 1, "both mailboxes to have run again");
        await Eventually.TrueAsync(async () => (await setup.Admin.ListAsync($"queueitems?$filter=_objectid_value eq {email["activityid"]}")).Count == 1, "the queue item");
        Assert.Single(await setup.Admin.ListAsync($"emails?$filter=messageid eq '<{message.MessageId}>'"));
        var item = (await setup.Admin.ListAsync($"queueitems?$filter=_objectid_value eq {email["activityid"]}"))[0]!;
        Assert.Equal(queue.Id, item["_queueid_value"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task A_reply_is_correlated_to_its_parent_and_inherits_regarding()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var user = await setup.UserAsync(await setup.ImapProfileAsync());
        var account = (await setup.Admin.CreateAsync("accounts", new JsonObject { ["name"] = "Contoso" }))["accountid"]!.GetValue<Guid>();
        await setup.TestAndEnableAsync(user.MailboxId);

        var first = Message("erin@customer.test", user.Address, "Contract");
        await setup.Mail.DeliverAsync(first);
        var parent = await setup.EmailByMessageIdAsync(first.MessageId);
        await setup.Admin.PatchAsync($"emails({parent["activityid"]})", new JsonObject { ["regardingobjectid_account@odata.bind"] = $"/accounts({account})" });

        var reply = Message("erin@customer.test", user.Address, "RE: Contract", inReplyTo: first.MessageId);
        await setup.Mail.DeliverAsync(reply);
        var child = await setup.EmailByMessageIdAsync(reply.MessageId);
        Assert.Equal(3, child["correlationmethod"]!.GetValue<int>());
        Assert.Equal(parent["activityid"]!.GetValue<Guid>(), child["_parentactivityid_value"]!.GetValue<Guid>());
        Assert.Equal(account, child["_regardingobjectid_value"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Blocked_and_oversized_attachments_are_dropped_and_unreadable_mail_does_not_stop_the_mailbox()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var user = await setup.UserAsync(await setup.ImapProfileAsync());
        await setup.Admin.PatchAsync($"organizations({await setup.Scenario.OrganizationIdAsync()})", new JsonObject { ["maxuploadfilesize"] = 1 });
        await setup.TestAndEnableAsync(user.MailboxId);

        var withFiles = Message("fay@customer.test", user.Address, "Files");
        var body = new BodyBuilder { TextBody = "see attached" };
        body.Attachments.Add("notes.txt", "small"u8.ToArray());
        body.Attachments.Add("setup.exe", new byte[100]);
        body.Attachments.Add("huge.pdf", new byte[4096]);
        withFiles.Body = body.ToMessageBody();
        await setup.Mail.DeliverAsync(withFiles);
        var email = await setup.EmailByMessageIdAsync(withFiles.MessageId);
        Assert.Equal(1, email["notifications"]!.GetValue<int>());
        var files = await setup.Admin.ListAsync($"activitymimeattachments?$filter=_objectid_value eq {email["activityid"]}");
        Assert.Equal("notes.txt", Assert.Single(files)!["filename"]!.GetValue<string>());

        // Broken MIME (no header/body separator, bad encodings) must not block what comes after it.
        using (var smtp = new MailKit.Net.Smtp.SmtpClient())
        {
            await smtp.ConnectAsync(setup.Mail.Host, setup.Mail.RelayPort, MailKit.Security.SecureSocketOptions.None);
            var garbage = MimeMessage.Load(new MemoryStream("Subject: =?x?Q?broken\r\nContent-Type: multipart/mixed; boundary=\"never\"\r\n\r\n--never\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@not base64@@@\r\n"u8.ToArray()));
            await smtp.SendAsync(garbage, MailboxAddress.Parse("x@outside.test"), [MailboxAddress.Parse(user.Address)]);
            await smtp.DisconnectAsync(true);
        }
        var after = Message("fay@customer.test", user.Address, "After the broken one");
        await setup.Mail.DeliverAsync(after);
        await setup.EmailByMessageIdAsync(after.MessageId);
        Assert.True((await setup.MailboxAsync(user.MailboxId))["enabledforincomingemail"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Mail_that_is_not_MIME_is_skipped_with_an_alert_and_the_mailbox_goes_on()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var user = await setup.UserAsync(await setup.ImapProfileAsync());
        await setup.TestAndEnableAsync(user.MailboxId);

        // Put into the Maildir as is: delivery over LMTP would add headers and make it readable.
        await setup.Mail.DropRawAsync(user.Address, "this line is not a header\r\n\r\nnor is this a body\r\n"u8.ToArray());
        var after = Message("jon@customer.test", user.Address, "After the unreadable one");
        await setup.Mail.DeliverAsync(after);

        await setup.EmailByMessageIdAsync(after.MessageId);
        var alert = await Eventually.ValueAsync(async () => (await setup.Admin.ListAsync($"tracelogs?$filter=_regardingobjectid_value eq {user.MailboxId} and level eq 3")).FirstOrDefault()?.AsObject(), "the alert");
        Assert.Contains("could not be read as MIME and was skipped", alert["text"]!.GetValue<string>());
        Assert.Single(await setup.Admin.ListAsync($"tracelogs?$filter=_regardingobjectid_value eq {user.MailboxId} and level eq 3"));
        Assert.True((await setup.MailboxAsync(user.MailboxId))["enabledforincomingemail"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Headers_longer_than_their_columns_are_cut_and_the_message_is_stored()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var user = await setup.UserAsync(await setup.ImapProfileAsync());
        await setup.TestAndEnableAsync(user.MailboxId);

        // PostgreSQL refuses values over varchar(n): uncut, this message would fail its batch on every retry.
        var longCc = new string('c', 330) + "@customer.test";
        var hostile = Message("fay@customer.test", user.Address, "Long headers");
        hostile.Cc.Add(MailboxAddress.Parse(longCc));
        var body = new BodyBuilder { TextBody = "see attached" };
        body.Attachments.Add("notes.txt", "small"u8.ToArray()).ContentId = new string('i', 300) + "@customer.test";
        hostile.Body = body.ToMessageBody();
        await setup.Mail.DeliverAsync(hostile);

        var email = await setup.EmailByMessageIdAsync(hostile.MessageId);
        var parties = await setup.Admin.ListAsync($"emails({email["activityid"]})/email_activity_parties");
        var cc = Assert.Single(parties, p => p!["participationtypemask"]!.GetValue<int>() == 3);
        Assert.Equal(longCc[..320], cc!["addressused"]!.GetValue<string>());
        var file = Assert.Single(await setup.Admin.ListAsync($"activitymimeattachments?$filter=_objectid_value eq {email["activityid"]}"));
        Assert.Equal(256, file!["attachmentcontentid"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task Text_no_store_accepts_is_cleaned_and_the_message_is_stored()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var user = await setup.UserAsync(await setup.ImapProfileAsync());
        await setup.TestAndEnableAsync(user.MailboxId);

        // PostgreSQL refuses NUL characters and a lone surrogate; a subject cut at its column size must not split an
        // emoji into one either. Stored as they came, they would fail their batch on every retry.
        var subject = new string('s', 399) + "\U0001F600 and more";
        var hostile = Message("gus@customer.test", user.Address, subject);
        var body = new BodyBuilder { HtmlBody = "<p>before\0after</p>" };
        body.Attachments.Add("re\0port.txt", "small"u8.ToArray());
        hostile.Body = body.ToMessageBody();
        await setup.Mail.DeliverAsync(hostile);
        var nul = Message("gus@customer.test", user.Address, "nul\0in subject");
        await setup.Mail.DeliverAsync(nul);
        var after = Message("gus@customer.test", user.Address, "After them");
        await setup.Mail.DeliverAsync(after);

        var email = await setup.EmailByMessageIdAsync(hostile.MessageId);
        Assert.Equal(subject[..399], email["subject"]!.GetValue<string>());
        Assert.Equal("<p>beforeafter</p>", email["description"]!.GetValue<string>());
        var file = Assert.Single(await setup.Admin.ListAsync($"activitymimeattachments?$filter=_objectid_value eq {email["activityid"]}"));
        Assert.Equal("report.txt", file!["filename"]!.GetValue<string>());
        Assert.Equal("nulin subject", (await setup.EmailByMessageIdAsync(nul.MessageId))["subject"]!.GetValue<string>());
        await setup.EmailByMessageIdAsync(after.MessageId);
    }

    [Fact]
    public async Task A_message_the_store_refuses_is_skipped_with_an_alert_and_the_rest_of_its_batch_is_stored()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var user = await setup.UserAsync(await setup.ImapProfileAsync());
        var subject = $"Poison {Guid.NewGuid():N}";
        // A store-side refusal no cleaning can prevent: a trigger that fails the insert of this one message.
        await StoreSqlAsync(server is PostgresServer
            ? [$"CREATE FUNCTION refuse_{subject[7..]}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.subject = '{subject}' THEN RAISE EXCEPTION 'refused by the test' USING ERRCODE = '22000'; END IF; RETURN NEW; END $$",
               $"CREATE TRIGGER refuse_{subject[7..]} BEFORE INSERT ON email FOR EACH ROW EXECUTE FUNCTION refuse_{subject[7..]}()"]
            : [$"CREATE TRIGGER refuse_{subject[7..]} BEFORE INSERT ON email WHEN NEW.subject = '{subject}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"]);
        try
        {
            var before = Message("hal@customer.test", user.Address, "Before the poison");
            var poison = Message("hal@customer.test", user.Address, subject);
            var after = Message("hal@customer.test", user.Address, "After the poison");
            foreach (var message in new[] { before, poison, after }) await setup.Mail.DeliverAsync(message);
            await setup.TestAndEnableAsync(user.MailboxId);

            await setup.EmailByMessageIdAsync(before.MessageId);
            await setup.EmailByMessageIdAsync(after.MessageId);
            var alert = await Eventually.ValueAsync(async () => (await setup.Admin.ListAsync($"tracelogs?$filter=_regardingobjectid_value eq {user.MailboxId} and level eq 3")).FirstOrDefault()?.AsObject(), "the skipped-message alert");
            Assert.Contains(poison.MessageId!, alert["text"]!.GetValue<string>());
            Assert.Empty(await setup.Admin.ListAsync($"emails?$filter=messageid eq '<{poison.MessageId}>'"));
            var mailbox = await setup.MailboxAsync(user.MailboxId);
            Assert.True(mailbox["enabledforincomingemail"]!.GetValue<bool>());

            // The mailbox goes on with new mail.
            var later = Message("hal@customer.test", user.Address, "Later");
            await setup.Mail.DeliverAsync(later);
            await setup.EmailByMessageIdAsync(later.MessageId);
        }
        finally
        {
            await StoreSqlAsync([$"DROP TRIGGER refuse_{subject[7..]}" + (server is PostgresServer ? " ON email" : "")]);
        }
    }

    [Fact]
    public async Task A_cycle_that_keeps_failing_unexpectedly_is_reported_on_the_mailbox_and_recovers()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var user = await setup.UserAsync(await setup.ImapProfileAsync());
        await setup.TestAndEnableAsync(user.MailboxId);
        var name = $"broken_{Guid.NewGuid():N}";
        var subject = $"Breaks {name}";
        // A store error that is not about the data (no skipping), from inside the cycle: every try of this message fails.
        await StoreSqlAsync(server is PostgresServer
            ? [$"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.subject = '{subject}' THEN RAISE EXCEPTION 'broken by the test'; END IF; RETURN NEW; END $$",
               $"CREATE TRIGGER {name} BEFORE INSERT ON email FOR EACH ROW EXECUTE FUNCTION {name}()"]
            : [$"CREATE TRIGGER {name} BEFORE INSERT ON email WHEN NEW.subject = '{subject}' BEGIN SELECT {name}(); END"]);
        var message = Message("ida@customer.test", user.Address, subject);
        try
        {
            await setup.Mail.DeliverAsync(message);
            // MaxMailboxTransientFailures is 3 in these tests.
            var alert = await Eventually.ValueAsync(async () => (await setup.Admin.ListAsync($"tracelogs?$filter=_regardingobjectid_value eq {user.MailboxId} and level eq 3")).FirstOrDefault()?.AsObject(), "the alert");
            Assert.Contains("3 times in a row with an unexpected error", alert["text"]!.GetValue<string>());
            var mailbox = await setup.MailboxAsync(user.MailboxId);
            Assert.StartsWith("Unexpected error:", mailbox["lastsyncerror"]!.GetValue<string>());
            Assert.True(mailbox["enabledforincomingemail"]!.GetValue<bool>());
            Assert.Empty(await setup.Admin.ListAsync($"emails?$filter=messageid eq '<{message.MessageId}>'"));
        }
        finally
        {
            await StoreSqlAsync([$"DROP TRIGGER {name}" + (server is PostgresServer ? " ON email" : "")]);
        }

        // Nothing was skipped: once the store works again the message arrives.
        await setup.EmailByMessageIdAsync(message.MessageId);
    }

    private async Task StoreSqlAsync(IEnumerable<string> statements)
    {
        using var scope = server.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
        foreach (var sql in statements) await db.Database.ExecuteSqlRawAsync(sql);
    }

    [Fact]
    public async Task Only_mail_received_after_the_processing_start_date_is_imported()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var user = await setup.UserAsync(await setup.ImapProfileAsync());
        var old = Message("ivy@customer.test", user.Address, "Before the start date");
        await setup.Mail.DeliverAsync(old);
        await Task.Delay(TimeSpan.FromSeconds(2)); // IMAP INTERNALDATE has one-second resolution
        await setup.Admin.PatchAsync($"mailboxes({user.MailboxId})", new JsonObject { ["processemailreceivedafter"] = DateTimeOffset.UtcNow.ToString("O") });
        await Task.Delay(TimeSpan.FromSeconds(2));
        var fresh = Message("ivy@customer.test", user.Address, "After the start date");
        await setup.Mail.DeliverAsync(fresh);
        await setup.TestAndEnableAsync(user.MailboxId);
        await setup.EmailByMessageIdAsync(fresh.MessageId);
        Assert.Empty(await setup.Admin.ListAsync($"emails?$filter=messageid eq '<{old.MessageId}>'"));
    }

    [Fact]
    public async Task Credentials_in_the_profile_serve_a_queue_mailbox()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var account = await setup.Mail.AddUserAsync("shared");
        var profile = await setup.ImapProfileAsync();
        await setup.Admin.PatchAsync($"emailserverprofiles({profile})", new JsonObject
        {
            ["incomingcredentialretrieval"] = 1, ["outgoingcredentialretrieval"] = 1,
            ["incomingusername"] = account, ["incomingpassword"] = MailStack.PasswordOf(account),
        });
        var queue = await setup.Admin.CreateAsync("queues", new JsonObject { ["name"] = "Shared inbox", ["emailaddress"] = account, ["incomingemailfilteringmethod"] = 0 });
        var mailbox = queue["_defaultmailbox_value"]!.GetValue<Guid>();
        await setup.Admin.PatchAsync($"mailboxes({mailbox})", new JsonObject
        {
            ["emailserverprofile@odata.bind"] = $"/emailserverprofiles({profile})", ["incomingemaildeliverymethod"] = 2, ["outgoingemaildeliverymethod"] = 2,
        });
        await setup.Admin.PatchAsync($"mailboxes({mailbox})", new JsonObject { ["emailrouteraccessapproval"] = 1 });
        await setup.TestAndEnableAsync(mailbox);
        var message = Message("jo@customer.test", account, "To the shared inbox");
        await setup.Mail.DeliverAsync(message);
        var email = await setup.EmailByMessageIdAsync(message.MessageId);
        var item = await Eventually.ValueAsync(async () => (await setup.Admin.ListAsync($"queueitems?$filter=_objectid_value eq {email["activityid"]}")).FirstOrDefault()?.AsObject(), "the queue item");
        Assert.Equal(queue["queueid"]!.GetValue<Guid>(), item["_queueid_value"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Pop3_mailbox_imports_new_mail_once()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var user = await setup.UserAsync(await setup.ImapProfileAsync(type: "pop3"));
        await setup.TestAndEnableAsync(user.MailboxId);
        var message = Message("gil@customer.test", user.Address, "Via POP3");
        await setup.Mail.DeliverAsync(message);
        await setup.EmailByMessageIdAsync(message.MessageId);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(await setup.Admin.ListAsync($"emails?$filter=messageid eq '<{message.MessageId}>'"));
    }
}

public sealed class IncomingMailTestsOnSqlite(SqliteEngineServer server) : IncomingMailTests<SqliteEngineServer>(server);
public sealed class IncomingMailTestsOnPostgres(PostgresEngineServer server) : IncomingMailTests<PostgresEngineServer>(server);
