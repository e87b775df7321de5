using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Bench;

/// <summary>
/// What tests/ServerSync.Engine.Tests/MailboxSetup.cs does, through the public API only, for mail users the bench names
/// itself (so the import mailbox can be reused) and in bulk: an IMAP profile for the mail stack, users whose mailboxes
/// use it with their own credentials, approval, and one Test &amp; Enable job over all of them.
/// </summary>
public sealed class BenchSetup(Api admin)
{
    /// <summary>The tenant's Global administrator, System Administrator of the environment.</summary>
    public Api Admin { get; } = admin;
    public static MailStack Mail => MailStack.Current;

    /// <summary>A new environment on <paramref name="server"/>; with <paramref name="smartMatching"/>, its organization matches by subject and addresses.</summary>
    public static async Task<BenchSetup> CreateAsync(ServerFixture server, bool smartMatching = false)
    {
        var scenario = await Scenario.CreateAsync(server);
        if (smartMatching)
            await scenario.Admin.PatchAsync($"organizations({await scenario.OrganizationIdAsync()})", new JsonObject { ["enablesmartmatching"] = true });
        return new BenchSetup(scenario.Admin);
    }

    /// <summary>IMAP with STARTTLS, submission with STARTTLS and AUTH, credentials per mailbox (as the engine tests).</summary>
    public async Task<Guid> ImapProfileAsync()
    {
        var profile = await Admin.CreateAsync("emailserverprofiles", new JsonObject
        {
            ["name"] = $"Bench mail stack {Guid.NewGuid():N}"[..30], ["servertype"] = 4,
            ["incomingcredentialretrieval"] = 0, ["outgoingcredentialretrieval"] = 0,
            ["incomingserverlocation"] = Mail.Host, ["incomingportnumber"] = Mail.ImapPort,
            ["outgoingserverlocation"] = Mail.Host, ["outgoingportnumber"] = Mail.SubmissionPort,
            ["incomingusessl"] = true, ["outgoingusessl"] = true, ["timeoutmailboxconnection"] = true, ["timeoutmailboxconnectionafteramount"] = 10000,
        });
        return profile["emailserverprofileid"]!.GetValue<Guid>();
    }

    /// <summary>A directory person + system user for an existing mail address, its mailbox connected and approved; returns the mailbox id.</summary>
    public async Task<Guid> UserMailboxAsync(Guid profile, string address)
    {
        await Admin.AdminAsync(HttpMethod.Post, "/api/admin/users",
            new JsonObject { ["userPrincipalName"] = address, ["displayName"] = address.Split('@')[0], ["password"] = Scenario.PersonPassword }, HttpStatusCode.Created);
        var user = await Admin.CreateAsync("systemusers", new JsonObject { ["domainname"] = address, ["incomingemailfilteringmethod"] = 0 });
        var mailbox = user["_defaultmailbox_value"]!.GetValue<Guid>();
        await ConnectAsync(mailbox, profile, address);
        return mailbox;
    }

    /// <summary>A queue with its own mail account (its mailbox connected and approved, tracking all email); returns the mailbox id.</summary>
    public async Task<Guid> QueueMailboxAsync(Guid profile, string address)
    {
        var queue = await Admin.CreateAsync("queues", new JsonObject { ["name"] = "Bench " + address.Split('@')[0], ["emailaddress"] = address, ["incomingemailfilteringmethod"] = 0 });
        var mailbox = queue["_defaultmailbox_value"]!.GetValue<Guid>();
        await ConnectAsync(mailbox, profile, address);
        return mailbox;
    }

    private async Task ConnectAsync(Guid mailbox, Guid profile, string address)
    {
        await Admin.PatchAsync($"mailboxes({mailbox})", new JsonObject
        {
            ["emailserverprofile@odata.bind"] = $"/emailserverprofiles({profile})",
            ["incomingemaildeliverymethod"] = 2, ["outgoingemaildeliverymethod"] = 2, ["actdeliverymethod"] = 2,
            ["username"] = address, ["password"] = MailStack.PasswordOf(address), ["allowemailconnectortousecredentials"] = true,
        });
        await Admin.PatchAsync($"mailboxes({mailbox})", new JsonObject { ["emailrouteraccessapproval"] = 1 });
    }

    /// <summary>Many user mailboxes, <paramref name="parallel"/> at a time (password hashing makes each user ~50 ms of CPU).</summary>
    public Task<Guid[]> UserMailboxesAsync(Guid profile, IReadOnlyList<string> addresses, int parallel = 4) =>
        ManyAsync(addresses, a => UserMailboxAsync(profile, a), parallel);

    /// <summary>Many queue mailboxes, <paramref name="parallel"/> at a time.</summary>
    public Task<Guid[]> QueueMailboxesAsync(Guid profile, IReadOnlyList<string> addresses, int parallel = 4) =>
        ManyAsync(addresses, a => QueueMailboxAsync(profile, a), parallel);

    private static async Task<Guid[]> ManyAsync(IReadOnlyList<string> addresses, Func<string, Task<Guid>> create, int parallel)
    {
        var ids = new Guid[addresses.Count];
        using var gate = new SemaphoreSlim(parallel);
        var done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(addresses.Select(async (address, i) =>
        {
            await gate.WaitAsync();
            try { ids[i] = await create(address); }
            finally { gate.Release(); }
            var n = Interlocked.Increment(ref done);
            if (n % 100 == 0 || n == addresses.Count) Log.Line($"  {n}/{addresses.Count} mailboxes set up ({clock.Elapsed.TotalSeconds:F1} s)");
        }));
        return ids;
    }

    /// <summary>Schedules Test &amp; Enable for all mailboxes in one TestAndEnableMailboxes call; returns the job id.</summary>
    public async Task<Guid> ScheduleTestAndEnableAsync(IEnumerable<Guid> mailboxes)
    {
        var result = await Admin.PostActionAsync("TestAndEnableMailboxes", new JsonObject { ["MailboxIds"] = new JsonArray(mailboxes.Select(m => (JsonNode)m).ToArray()) });
        return result["AsyncOperationId"]!.GetValue<Guid>();
    }

    /// <summary>Waits (polling every 250 ms) until the job is completed; returns its row.</summary>
    public async Task<JsonObject> WaitForJobAsync(Guid job, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var row = await Admin.GetAsync($"asyncoperations({job})");
            if (row["statecode"]!.GetValue<int>() == 3) return row;
            if (deadline.Elapsed > limit) throw new TimeoutException($"the Test & Enable job did not complete within {limit.TotalSeconds} s (percentcomplete {row["percentcomplete"]})");
            await Task.Delay(250);
        }
    }

    /// <summary>$count of a filtered set, without rows.</summary>
    public async Task<int> CountAsync(string set, string filter) =>
        (await Admin.GetAsync($"{set}?$filter={Uri.EscapeDataString(filter)}&$count=true&$top=0"))["@odata.count"]!.GetValue<int>();

    /// <summary>Alerts (tracelogs) of the environment at warning (2) or error (3) level, for the result files.</summary>
    public async Task<List<string>> ProblemAlertsAsync()
    {
        var rows = await Admin.ListAsync($"tracelogs?$filter={Uri.EscapeDataString("level ge 2")}&$select=level,text&$top=50");
        return rows.Select(r => $"level {r!["level"]}: {r["text"]}").ToList();
    }

    public static string OData(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
}
