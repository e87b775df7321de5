using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests.Harness;

/// <summary>Sets up, through the public API, users whose mailboxes live on the harness's <see cref="MemoryMailServer"/>.</summary>
public sealed class MemoryMailboxSetup(EngineHarness harness, Scenario scenario)
{
    public EngineHarness Harness { get; } = harness;
    public Scenario Scenario { get; } = scenario;
    public Api Admin => Scenario.Admin;

    public static async Task<MemoryMailboxSetup> CreateAsync(EngineHarness harness) => new(harness, await Scenario.CreateAsync(harness));

    /// <summary>An IMAP/SMTP profile (server type 4) or POP3/SMTP (1) on the memory server, with per-mailbox credentials.</summary>
    public async Task<Guid> ProfileAsync(string type = "imap", JsonObject? extra = null)
    {
        var body = new JsonObject
        {
            ["name"] = $"Memory {type} {Guid.NewGuid():N}"[..30], ["servertype"] = type == "imap" ? 4 : 1,
            ["incomingcredentialretrieval"] = 0, ["outgoingcredentialretrieval"] = 0,
            ["incomingserverlocation"] = $"{type}.memory.test", ["incomingportnumber"] = type == "imap" ? 993 : 995,
            ["outgoingserverlocation"] = "smtp.memory.test", ["outgoingportnumber"] = 465,
            ["incomingusessl"] = true, ["outgoingusessl"] = true,
        };
        foreach (var (key, value) in extra ?? []) body[key] = value?.DeepClone();
        return (await Admin.CreateAsync("emailserverprofiles", body))["emailserverprofileid"]!.GetValue<Guid>();
    }

    /// <summary>A user tracking all email whose approved mailbox is on the profile; its account is <see cref="MemoryMailUser.Account"/>.</summary>
    public async Task<MemoryMailUser> UserAsync(Guid profile)
    {
        var address = $"u{Guid.NewGuid():N}"[..12] + "@memory.test";
        await Admin.AdminAsync(HttpMethod.Post, "/api/admin/users",
            new JsonObject { ["userPrincipalName"] = address, ["displayName"] = address.Split('@')[0], ["password"] = Scenario.PersonPassword }, HttpStatusCode.Created);
        var user = await Admin.CreateAsync("systemusers", new JsonObject { ["domainname"] = address, ["incomingemailfilteringmethod"] = 0 });
        var mailbox = user["_defaultmailbox_value"]!.GetValue<Guid>();
        await Admin.PatchAsync($"mailboxes({mailbox})", new JsonObject
        {
            ["emailserverprofile@odata.bind"] = $"/emailserverprofiles({profile})",
            ["incomingemaildeliverymethod"] = 2, ["outgoingemaildeliverymethod"] = 2, ["actdeliverymethod"] = 2,
            ["username"] = address, ["password"] = "memory-password", ["allowemailconnectortousecredentials"] = true,
        });
        await Admin.PatchAsync($"mailboxes({mailbox})", new JsonObject { ["emailrouteraccessapproval"] = 1 });
        return new MemoryMailUser(address, user["systemuserid"]!.GetValue<Guid>(), mailbox, Harness.Mail.Account(address));
    }

    /// <summary>Schedules Test &amp; Enable and moves the clock until the engine has finished the job and run the mailboxes' first cycle.</summary>
    public async Task TestAndEnableAsync(params MemoryMailUser[] users)
    {
        var result = await Admin.PostActionAsync("TestAndEnableMailboxes", new JsonObject { ["MailboxIds"] = new JsonArray(users.Select(u => (JsonNode)u.MailboxId).ToArray()) });
        var job = result["AsyncOperationId"]!.GetValue<Guid>();
        await Harness.AdvanceUntilAsync(async () => (await Admin.GetAsync($"asyncoperations({job})"))["statecode"]!.GetValue<int>() == 3, TimeSpan.FromMinutes(5), "the Test & Enable job");
        foreach (var user in users)
            await Harness.AdvanceUntilAsync(async () => (await MailboxAsync(user.MailboxId))["enabledforincomingemail"]!.GetValue<bool>() == false
                || (await MailboxAsync(user.MailboxId))["processedtimes"]?.GetValue<int>() > 0, TimeSpan.FromMinutes(5), "the first cycle");
    }

    public Task<JsonObject> MailboxAsync(Guid id) => Admin.GetAsync($"mailboxes({id})");

    /// <summary>Whether the engine has stored the email with this Message-ID (read from the store, so no clock or token matters).</summary>
    public Task<bool> IsStoredAsync(MimeMessage message) =>
        Harness.StoreAsync(db => db.Emails.AnyAsync(e => e.MessageId == "<" + message.MessageId + ">"));

    /// <summary>Waits in real time, with the clock standing still, for the email to be stored: what push delivers.</summary>
    public async Task<bool> IsStoredWithoutTimePassingAsync(MimeMessage message, TimeSpan realLimit)
    {
        var deadline = DateTime.UtcNow + realLimit;
        while (DateTime.UtcNow < deadline)
        {
            if (await IsStoredAsync(message)) return true;
            await Task.Delay(100);
        }
        return await IsStoredAsync(message);
    }

    public static MimeMessage Message(string to, string subject)
    {
        var message = new MimeMessage { Subject = subject, MessageId = $"{Guid.NewGuid():N}@sender.test" };
        message.From.Add(MailboxAddress.Parse("someone@outside.test"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = $"Body of {subject}" };
        return message;
    }
}

public sealed record MemoryMailUser(string Address, Guid Id, Guid MailboxId, MemoryMailAccount Account);
