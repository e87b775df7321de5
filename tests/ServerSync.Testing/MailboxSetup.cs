using System.Net;
using System.Text.Json.Nodes;

namespace ServerSync.Testing;

/// <summary>Sets up, through the public API, users and queues whose mailboxes live on the real Dovecot.</summary>
public sealed class MailboxSetup(Scenario scenario)
{
    public Scenario Scenario { get; } = scenario;
    public Api Admin => Scenario.Admin;
    public MailStack Mail => MailStack.Current;

    /// <summary>An IMAP/SMTP profile for the mail stack: IMAP with STARTTLS, submission with STARTTLS and AUTH, credentials per mailbox.</summary>
    public async Task<Guid> ImapProfileAsync(int? imapPort = null, string type = "imap")
    {
        var profile = await Admin.CreateAsync("emailserverprofiles", new JsonObject
        {
            ["name"] = $"Mail stack {type} {Guid.NewGuid():N}"[..30], ["servertype"] = type == "imap" ? 4 : 1,
            ["incomingcredentialretrieval"] = 0, ["outgoingcredentialretrieval"] = 0,
            ["incomingserverlocation"] = Mail.Host, ["incomingportnumber"] = imapPort ?? (type == "imap" ? Mail.ImapPort : Mail.Pop3Port),
            ["outgoingserverlocation"] = Mail.Host, ["outgoingportnumber"] = Mail.SubmissionPort,
            ["incomingusessl"] = true, ["outgoingusessl"] = true, ["timeoutmailboxconnection"] = true, ["timeoutmailboxconnectionafteramount"] = 10000,
        });
        return profile["emailserverprofileid"]!.GetValue<Guid>();
    }

    /// <summary>A user with a real mail account: mailbox on the profile, credentials set, tracking all email, approved.</summary>
    public async Task<MailUser> UserAsync(Guid profile, string? password = null)
    {
        var address = await Mail.AddUserAsync();
        await Admin.AdminAsync(HttpMethod.Post, "/api/admin/users",
            new JsonObject { ["userPrincipalName"] = address, ["displayName"] = address.Split('@')[0], ["password"] = Scenario.PersonPassword }, HttpStatusCode.Created);
        var user = await Admin.CreateAsync("systemusers", new JsonObject { ["domainname"] = address, ["incomingemailfilteringmethod"] = 0 });
        var userId = user["systemuserid"]!.GetValue<Guid>();
        var mailbox = user["_defaultmailbox_value"]!.GetValue<Guid>();
        await ConnectMailboxAsync(mailbox, profile, address, password ?? MailStack.PasswordOf(address));
        return new MailUser(address, userId, mailbox);
    }

    /// <summary>A queue with its own mail account, tracking all email.</summary>
    public async Task<MailUser> QueueAsync(Guid profile)
    {
        var address = await Mail.AddUserAsync("q");
        var queue = await Admin.CreateAsync("queues", new JsonObject { ["name"] = "Support " + address, ["emailaddress"] = address, ["incomingemailfilteringmethod"] = 0 });
        var mailbox = queue["_defaultmailbox_value"]!.GetValue<Guid>();
        await ConnectMailboxAsync(mailbox, profile, address, MailStack.PasswordOf(address));
        return new MailUser(address, queue["queueid"]!.GetValue<Guid>(), mailbox);
    }

    public async Task ConnectMailboxAsync(Guid mailbox, Guid profile, string address, string password)
    {
        await Admin.PatchAsync($"mailboxes({mailbox})", new JsonObject
        {
            ["emailserverprofile@odata.bind"] = $"/emailserverprofiles({profile})",
            ["incomingemaildeliverymethod"] = 2, ["outgoingemaildeliverymethod"] = 2, ["actdeliverymethod"] = 2,
            ["username"] = address, ["password"] = password, ["allowemailconnectortousecredentials"] = true,
        });
        await Admin.PatchAsync($"mailboxes({mailbox})", new JsonObject { ["emailrouteraccessapproval"] = 1 });
    }

    /// <summary>Schedules Test &amp; Enable and waits for the engine to finish the job.</summary>
    public async Task<JsonObject> TestAndEnableAsync(params Guid[] mailboxes)
    {
        var result = await Admin.PostActionAsync("TestAndEnableMailboxes", new JsonObject { ["MailboxIds"] = new JsonArray(mailboxes.Select(m => (JsonNode)m).ToArray()) });
        var job = result["AsyncOperationId"]!.GetValue<Guid>();
        return await Eventually.ValueAsync(async () =>
        {
            var row = await Admin.GetAsync($"asyncoperations({job})");
            return row["statecode"]!.GetValue<int>() == 3 ? row : null;
        }, "the Test & Enable job to complete");
    }

    public Task<JsonObject> MailboxAsync(Guid id) => Admin.GetAsync($"mailboxes({id})");

    /// <summary>The email activity with this Message-ID, once the engine has stored it.</summary>
    public Task<JsonObject> EmailByMessageIdAsync(string? messageId) =>
        Eventually.ValueAsync(async () => (await Admin.ListAsync($"emails?$filter=messageid eq '<{messageId ?? throw new ArgumentNullException(nameof(messageId))}>'")).FirstOrDefault()?.AsObject(),
            $"an email activity for {messageId}");
}

public sealed record MailUser(string Address, Guid Id, Guid MailboxId);
