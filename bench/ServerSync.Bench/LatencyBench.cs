using System.Diagnostics;
using System.Text.Json.Nodes;
using MimeKit;
using ServerSync.Testing;

namespace ServerSync.Bench;

/// <summary>
/// Scenario "latency": M (100) user mailboxes enabled by ONE TestAndEnableMailboxes call; once every mailbox has run a
/// cycle, one message is delivered to each at a random moment within ~20 s (through the stack's SMTP relay, which hands
/// it to Dovecot over LMTP), and the time from the start of that delivery to the email activity is measured two ways:
/// the activity's createdon (stamped by the engine just before it saves the batch; same clock, the server is
/// in-process; read from the store because the API rounds to seconds) and the moment a poll of the emails table (every 250 ms through the API) first sees it.
/// </summary>
public sealed class LatencyBench(BenchOptions options)
{
    public async Task RunAsync()
    {
        var file = new ResultFile("latency", $"new-mail latency over {options.Mailboxes} enabled mailboxes");
        var results = new JsonObject();
        foreach (var store in options.Stores) results[store] = await RunStoreAsync(store);
        file.Json["settings"] = new JsonObject { ["mailboxes"] = options.Mailboxes, ["spread_s"] = options.SpreadSeconds, ["seed"] = options.Seed };
        file.Json["stores"] = results;

        file.Heading("Machine");
        file.Facts(Machine.Facts(Versions.Postgres(), Versions.Sqlite()));
        file.Heading("Results");
        file.Para($"{options.Mailboxes} user mailboxes on one IMAP profile (STARTTLS), all enabled through one `TestAndEnableMailboxes` call. After every mailbox " +
                  $"had completed a cycle, one message per mailbox was delivered at a random moment within {options.SpreadSeconds} s (seeded), each through its own " +
                  "SMTP session to the stack's relay (→ LMTP → Dovecot). Latency = delivery start → email activity.");
        var rows = new List<string[]>();
        foreach (var (store, node) in results)
        {
            var r = node!.AsObject();
            foreach (var (label, key) in new[] { ("createdon of the activity", "by_createdon_s"), ("first seen by the 250 ms API poll", "by_poll_s") })
            {
                var v = r[key]!.AsArray().Select(x => x!.GetValue<double>()).ToArray();
                rows.Add([Stores.Label(store), label, $"{v.Length}/{options.Mailboxes}", Stats.F(Stats.Percentile(v, 50), 2), Stats.F(Stats.Percentile(v, 95), 2),
                    Stats.F(v.DefaultIfEmpty(double.NaN).Max(), 2), Stats.F(v.DefaultIfEmpty(double.NaN).Min(), 2)]);
            }
        }
        file.Table(["store", "measured at", "messages", "p50 s", "p95 s", "max s", "min s"], rows);
        file.Heading("Target");
        file.Table(["target", "store", "p95 (createdon)", "p95 (poll)", "verdict"], results.Select(kv =>
        {
            var c = Stats.Percentile(kv.Value!["by_createdon_s"]!.AsArray().Select(x => x!.GetValue<double>()), 95);
            var p = Stats.Percentile(kv.Value!["by_poll_s"]!.AsArray().Select(x => x!.GetValue<double>()), 95);
            var all = kv.Value!["by_poll_s"]!.AsArray().Count == options.Mailboxes;
            return new[] { "p95 < 5 s", Stores.Label(kv.Key), Stats.F(c, 2) + " s", Stats.F(p, 2) + " s", all && p < 5 ? "met" : "**missed**" };
        }));
        file.Heading("Setup and cost");
        file.Table(["store", "mailbox setup s", "Test & Enable job s", "until every mailbox ran once s", "SMTP delivery p50 / max ms", "bench-process CPU s during deliveries", "warning/error alerts"],
            results.Select(kv =>
            {
                var r = kv.Value!.AsObject();
                var d = r["smtp_delivery_ms"]!.AsArray().Select(x => x!.GetValue<double>()).ToArray();
                return new[] { Stores.Label(kv.Key), Stats.F(r["setup_s"]!.GetValue<double>(), 1), Stats.F(r["test_and_enable_s"]!.GetValue<double>(), 1),
                    Stats.F(r["first_pass_s"]!.GetValue<double>(), 1), $"{Stats.F(Stats.Median(d), 0)} / {Stats.F(d.DefaultIfEmpty(double.NaN).Max(), 0)}",
                    Stats.F(r["cpu"]!["process_cpu_s"]!.GetValue<double>(), 1), r["alerts"]!.AsArray().Count.ToString() };
            }));
        file.Para("New mail reaches the engine through IMAP IDLE: after each cycle a mailbox keeps an IDLE connection open until its next cycle is due " +
                  "(here 2–3 s with the bench's idle backoff), and a new message pokes the mailbox's grain at once.");
        file.Heading("Engine settings");
        file.Table(["setting", "value"], BenchSettings.Describe().Select(kv => new[] { kv.Key, kv.Value }));
        ConsoleTap.Current.Write(file);
        file.Write(options.ResultsDirectory);
    }

    private async Task<JsonObject> RunStoreAsync(string store)
    {
        Log.Line($"== latency on {Stores.Label(store)}: {options.Mailboxes} mailboxes");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var addresses = await MailStackOps.AddUsersAsync(Enumerable.Range(1, options.Mailboxes).Select(i => $"bench-lat-{tag}-{i:000}").ToList());
        ConsoleTap.Current.Phase = "latency: server start and setup";
        var server = Stores.Create(store);
        await server.InitializeAsync();
        try
        {
            var setup = new BenchSetup((await Scenario.CreateAsync(server)).Admin);
            var profile = await setup.ImapProfileAsync();
            var clock = Stopwatch.StartNew();
            var mailboxes = await setup.UserMailboxesAsync(profile, addresses);
            var setupSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            ConsoleTap.Current.Phase = "latency: Test & Enable and first cycles";
            var job = await setup.ScheduleTestAndEnableAsync(mailboxes);
            var jobRow = await setup.WaitForJobAsync(job, TimeSpan.FromMinutes(5));
            var jobSeconds = clock.Elapsed.TotalSeconds;
            Log.Line($"  Test & Enable of {mailboxes.Length} mailboxes done in {jobSeconds:F1} s: {jobRow["message"]}");
            while (await setup.CountAsync("mailboxes", $"_emailserverprofile_value eq {profile} and processedtimes eq 0") > 0)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("not every mailbox ran a cycle within 5 minutes");
                await Task.Delay(250);
            }
            var firstPass = clock.Elapsed.TotalSeconds;
            Log.Line($"  every mailbox has run a cycle {firstPass:F1} s after the Test & Enable call; settling 3 s, then delivering");
            await Task.Delay(3000);

            // One message per mailbox at a random moment within the spread (seeded), each in its own SMTP session.
            var rng = new Random(options.Seed);
            var order = addresses.Select((a, i) => (Address: a, Index: i, At: rng.NextDouble() * options.SpreadSeconds)).OrderBy(x => x.At).ToList();
            var startedAt = new DateTimeOffset[addresses.Count];
            var deliveryMs = new double[addresses.Count];
            var ids = addresses.Select((_, i) => $"lat-{tag}-{i:000}@bench.test").ToArray();
            ConsoleTap.Current.Phase = "latency: deliveries (measured)";
            var cpu0 = CpuSnapshot.Take();
            var origin = Stopwatch.StartNew();
            var deliveries = order.Select(async x =>
            {
                var wait = TimeSpan.FromSeconds(x.At) - origin.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                var message = new MimeMessage { Subject = $"Latency probe {x.Index}", MessageId = ids[x.Index] };
                message.From.Add(new MailboxAddress("Dana Probe", "dana.probe@customer.example"));
                message.To.Add(MailboxAddress.Parse(x.Address));
                message.Body = new TextPart("plain") { Text = $"Probe {x.Index} of run {tag}." };
                startedAt[x.Index] = DateTimeOffset.UtcNow;
                var sw = Stopwatch.StartNew();
                await MailStackOps.DeliverAsync(message);
                deliveryMs[x.Index] = sw.Elapsed.TotalMilliseconds;
            }).ToList();
            var allDelivered = Task.WhenAll(deliveries);

            var seen = new Dictionary<string, DateTimeOffset>();
            var prefix = $"<lat-{tag}-";
            DateTimeOffset? lastDelivery = null;
            while (seen.Count < addresses.Count)
            {
                var rows = await setup.Admin.ListAsync($"emails?$filter={Uri.EscapeDataString($"startswith(messageid,'{prefix}')")}&$select=messageid&$top=1000");
                var now = DateTimeOffset.UtcNow;
                foreach (var row in rows)
                {
                    var id = row!["messageid"]!.GetValue<string>().Trim('<', '>');
                    seen.TryAdd(id, now);
                }
                if (allDelivered.IsCompleted)
                {
                    await allDelivered; // surfaces a failed delivery
                    lastDelivery ??= now;
                    if (now - lastDelivery > TimeSpan.FromSeconds(60)) break;
                }
                await Task.Delay(250);
            }
            var cpu1 = CpuSnapshot.Take();
            // createdon to the millisecond from the store (the API shows whole seconds).
            var createdOn = await new StoreReader(server).CreatedOnAsync(ids.Select(id => $"<{id}>").ToList());
            var byCreated = new JsonArray();
            var byPoll = new JsonArray();
            var perMessage = new JsonArray();
            for (var i = 0; i < addresses.Count; i++)
            {
                if (!seen.TryGetValue(ids[i], out var s) || !createdOn.TryGetValue($"<{ids[i]}>", out var createdAt)) { perMessage.Add(new JsonObject { ["i"] = i, ["missing"] = true }); continue; }
                var created = (createdAt - startedAt[i]).TotalSeconds;
                var polled = (s - startedAt[i]).TotalSeconds;
                byCreated.Add(Math.Round(created, 3));
                byPoll.Add(Math.Round(polled, 3));
                perMessage.Add(new JsonObject { ["i"] = i, ["at_s"] = Math.Round(order.First(o => o.Index == i).At, 3), ["createdon_s"] = Math.Round(created, 3), ["poll_s"] = Math.Round(polled, 3), ["smtp_ms"] = Math.Round(deliveryMs[i], 1) });
            }
            var c = byCreated.Select(x => x!.GetValue<double>()).ToArray();
            Log.Line($"  {seen.Count}/{addresses.Count} arrived; createdon latency p50 {Stats.Percentile(c, 50):F2} s, p95 {Stats.Percentile(c, 95):F2} s, max {c.DefaultIfEmpty(double.NaN).Max():F2} s");
            return new JsonObject
            {
                ["setup_s"] = Math.Round(setupSeconds, 2), ["test_and_enable_s"] = Math.Round(jobSeconds, 2), ["first_pass_s"] = Math.Round(firstPass, 2),
                ["job_message"] = jobRow["message"]?.GetValue<string>(),
                ["by_createdon_s"] = byCreated, ["by_poll_s"] = byPoll,
                ["smtp_delivery_ms"] = new JsonArray(deliveryMs.Select(d => (JsonNode)Math.Round(d, 1)).ToArray()),
                ["messages"] = perMessage, ["cpu"] = cpu0.DeltaJson(cpu1),
                ["alerts"] = new JsonArray((await setup.ProblemAlertsAsync()).Select(a => (JsonNode)a).ToArray()),
            };
        }
        finally
        {
            ConsoleTap.Current.Phase = "latency: server stop";
            await server.DisposeAsync();
        }
    }
}
