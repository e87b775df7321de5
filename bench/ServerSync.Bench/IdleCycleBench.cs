using System.Diagnostics;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Bench;

/// <summary>
/// Scenario "idle-cycle": K (1,000) mailboxes without mail (users added in one scripts/mailstack-add-user.sh call;
/// mailboxes created through the API and enabled by one TestAndEnableMailboxes call). Measured:
///   first pass: from the Test &amp; Enable call until every mailbox's processedtimes ≥ 1;
///   steady passes: from a moment T until every mailbox has completed a cycle after T (lastsuccessfulsynccompletedon ≥ T);
/// with the bench process's CPU time (the server runs in it) and Dovecot's, and managed memory / working set per mailbox.
/// </summary>
public sealed class IdleCycleBench(BenchOptions options)
{
    private const int SteadyPasses = 2;

    public async Task RunAsync()
    {
        var file = new ResultFile("idle-cycle", $"scheduler passes over {options.IdleMailboxes:N0} idle mailboxes");
        var results = new JsonObject();
        foreach (var store in options.Stores) results[store] = await RunStoreAsync(store);
        file.Json["settings"] = new JsonObject { ["mailboxes"] = options.IdleMailboxes, ["engine"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(BenchSettings.Describe())) };
        file.Json["stores"] = results;
        var n = options.IdleMailboxes;

        file.Heading("Machine");
        file.Facts(Machine.Facts(Versions.Postgres(), Versions.Sqlite()));
        file.Heading("Results");
        file.Para($"{n:N0} user mailboxes on one IMAP profile (STARTTLS, `maxconcurrentconnections` 10 = the profile default), empty INBOXes. " +
                  "CPU is the bench process's `TotalProcessorTime` (the server runs in it; the bench's own 250 ms API polls are included) and Dovecot's (master + children).");
        var rows = new List<string[]>();
        foreach (var (store, node) in results)
        {
            var r = node!.AsObject();
            var first = r["first_pass"]!.AsObject();
            rows.Add([Stores.Label(store), "first pass (Test & Enable call → every processedtimes ≥ 1)", Stats.F(first["wall_s"]!.GetValue<double>(), 1),
                first["cycles"]!.ToString(), Stats.F(first["process_cpu_s"]!.GetValue<double>(), 1), Stats.F(first["process_cpu_s"]!.GetValue<double>() * 1000 / n, 1),
                Stats.F(first["process_cpu_ms_per_cycle"]!.GetValue<double>(), 1), Stats.F(first["dovecot_cpu_s"]!.GetValue<double>(), 1)]);
            foreach (var (pass, i) in r["steady_passes"]!.AsArray().Select((p, i) => (p!.AsObject(), i)))
                rows.Add([Stores.Label(store), $"steady pass {i + 1} (T → every mailbox completed a cycle after T)", Stats.F(pass["wall_s"]!.GetValue<double>(), 1),
                    pass["cycles"]!.ToString(), Stats.F(pass["process_cpu_s"]!.GetValue<double>(), 1), Stats.F(pass["process_cpu_s"]!.GetValue<double>() * 1000 / n, 1),
                    Stats.F(pass["process_cpu_ms_per_cycle"]!.GetValue<double>(), 1), Stats.F(pass["dovecot_cpu_s"]!.GetValue<double>(), 1)]);
        }
        file.Table(["store", "pass", "wall s", "cycles run", "process CPU s", "CPU ms per mailbox", "CPU ms per cycle", "Dovecot CPU s"], rows);

        file.Heading("Memory per mailbox and the Test & Enable job");
        file.Table(["store", "setup s (API, 4 parallel)", "Test & Enable job s (ms per mailbox)", "managed heap before → after (MB)", "managed per mailbox (KB)",
                "working set before → after (MB)", "working set per mailbox (KB)", "IMAP connections open at the end", "mailboxes disabled", "warning/error alerts"],
            results.Select(kv =>
            {
                var r = kv.Value!.AsObject();
                var m = r["memory"]!.AsObject();
                double M(string k) => m[k]!.GetValue<double>();
                return new[]
                {
                    Stores.Label(kv.Key), Stats.F(r["setup_s"]!.GetValue<double>(), 1),
                    $"{Stats.F(r["test_and_enable_s"]!.GetValue<double>(), 1)} ({Stats.F(r["test_and_enable_s"]!.GetValue<double>() * 1000 / n, 0)})",
                    $"{Stats.F(M("managed_before_mb"), 0)} → {Stats.F(M("managed_after_mb"), 0)}", Stats.F(M("managed_per_mailbox_kb"), 1),
                    $"{Stats.F(M("working_set_before_mb"), 0)} → {Stats.F(M("working_set_after_mb"), 0)}", Stats.F(M("working_set_per_mailbox_kb"), 1),
                    r["imap_connections_at_end"]!.ToString(), r["disabled_mailboxes"]!.ToString(), r["alerts"]!.AsArray().Count.ToString(),
                };
            }));
        file.Para("Memory: `GC.GetTotalMemory(true)` and the working set after the mailboxes were created (before Test & Enable) and after the last steady pass, " +
                  "difference / number of mailboxes. It holds what the engine keeps per enabled mailbox: its grain and, between cycles, an IMAP IDLE " +
                  "connection (a MailKit ImapClient over TLS) waiting for new mail.");
        file.Heading("Target");
        file.Para("The brief sets no number for the idle cycle; it asks for the per-mailbox cost, reported above (CPU ms per mailbox per pass, " +
                  "CPU ms per cycle, KB per mailbox). With the bench's backoff (idle 2–3 s) a mailbox is due again 2–3 s after its cycle, " +
                  "so a steady pass can't be much shorter than that; a pass that takes longer means the engine can't keep up with that rate for this many mailboxes.");
        file.Heading("Engine settings");
        file.Table(["setting", "value"], BenchSettings.Describe().Select(kv => new[] { kv.Key, kv.Value }));
        file.Write(options.ResultsDirectory);
    }

    private async Task<JsonObject> RunStoreAsync(string store)
    {
        var n = options.IdleMailboxes;
        Log.Line($"== idle-cycle on {Stores.Label(store)}: {n} mailboxes");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var clock = Stopwatch.StartNew();
        var addresses = await MailStackOps.AddUsersAsync(Enumerable.Range(1, n).Select(i => $"bench-idle-{tag}-{i:0000}").ToList());
        Log.Line($"  {n} mail users added in one mailstack-add-user.sh call in {clock.Elapsed.TotalSeconds:F2} s");
        var server = Stores.Create(store);
        await server.InitializeAsync();
        try
        {
            var setup = new BenchSetup(await Scenario.CreateAsync(server));
            var profile = await setup.ImapProfileAsync();
            clock.Restart();
            var mailboxes = await setup.UserMailboxesAsync(profile, addresses);
            var setupSeconds = clock.Elapsed.TotalSeconds;
            var before = CpuSnapshot.Take(fullGc: true);

            // First pass: one bulk Test & Enable call, then until every mailbox has run a cycle.
            var call = CpuSnapshot.Take();
            clock.Restart();
            var job = await setup.ScheduleTestAndEnableAsync(mailboxes);
            var jobRow = await setup.WaitForJobAsync(job, TimeSpan.FromMinutes(10));
            var jobSeconds = clock.Elapsed.TotalSeconds;
            Log.Line($"  Test & Enable of {n} mailboxes done in {jobSeconds:F1} s: {jobRow["message"]}");
            while (await setup.CountAsync("mailboxes", $"_emailserverprofile_value eq {profile} and processedtimes eq 0") is var left and > 0)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"{left} mailboxes had not run a cycle 10 minutes after Test & Enable");
                await Task.Delay(250);
            }
            var firstDone = CpuSnapshot.Take();
            var firstCycles = await ProcessedTimesAsync(setup, profile);
            var first = call.DeltaJson(firstDone);
            first["after_job_s"] = Math.Round(clock.Elapsed.TotalSeconds - jobSeconds, 2);
            first["cycles"] = firstCycles.Values.Sum();
            first["process_cpu_ms_per_cycle"] = Math.Round(first["process_cpu_s"]!.GetValue<double>() * 1000 / Math.Max(1, firstCycles.Values.Sum()), 2);
            Log.Line($"  first pass: every mailbox ran a cycle {first["wall_s"]} s after the call ({first["after_job_s"]} s after the job), {first["cycles"]} cycles, process CPU {first["process_cpu_s"]} s");

            var passes = new JsonArray();
            for (var p = 1; p <= SteadyPasses; p++)
            {
                var start = CpuSnapshot.Take();
                var counts0 = await ProcessedTimesAsync(setup, profile);
                var t = BenchSetup.OData(start.At);
                var filter = $"_emailserverprofile_value eq {profile} and (lastsuccessfulsynccompletedon eq null or lastsuccessfulsynccompletedon lt {t})";
                var limit = Stopwatch.StartNew();
                while (await setup.CountAsync("mailboxes", filter) is var left and > 0)
                {
                    if (limit.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException($"{left} mailboxes had not completed a cycle 5 minutes into steady pass {p}");
                    await Task.Delay(250);
                }
                var end = CpuSnapshot.Take();
                var counts1 = await ProcessedTimesAsync(setup, profile);
                var cycles = counts1.Sum(kv => kv.Value - counts0.GetValueOrDefault(kv.Key));
                var pass = start.DeltaJson(end);
                pass["cycles"] = cycles;
                pass["process_cpu_ms_per_cycle"] = Math.Round(pass["process_cpu_s"]!.GetValue<double>() * 1000 / Math.Max(1, cycles), 2);
                passes.Add(pass);
                Log.Line($"  steady pass {p}: {pass["wall_s"]} s, {cycles} cycles, process CPU {pass["process_cpu_s"]} s, Dovecot CPU {pass["dovecot_cpu_s"]} s");
            }
            var after = CpuSnapshot.Take(fullGc: true);
            var imapConnections = ImapProcesses();
            var disabled = await setup.CountAsync("mailboxes", $"_emailserverprofile_value eq {profile} and enabledforincomingemail eq false");
            return new JsonObject
            {
                ["setup_s"] = Math.Round(setupSeconds, 2), ["test_and_enable_s"] = Math.Round(jobSeconds, 2), ["job_message"] = jobRow["message"]?.GetValue<string>(),
                ["first_pass"] = first, ["steady_passes"] = passes,
                ["memory"] = new JsonObject
                {
                    ["managed_before_mb"] = Math.Round(before.ManagedBytes / 1e6, 1), ["managed_after_mb"] = Math.Round(after.ManagedBytes / 1e6, 1),
                    ["managed_per_mailbox_kb"] = Math.Round((after.ManagedBytes - before.ManagedBytes) / 1e3 / n, 2),
                    ["working_set_before_mb"] = Math.Round(before.WorkingSetBytes / 1e6, 1), ["working_set_after_mb"] = Math.Round(after.WorkingSetBytes / 1e6, 1),
                    ["working_set_per_mailbox_kb"] = Math.Round((after.WorkingSetBytes - before.WorkingSetBytes) / 1e3 / n, 2),
                },
                ["imap_connections_at_end"] = imapConnections, ["disabled_mailboxes"] = disabled,
                ["alerts"] = new JsonArray((await setup.ProblemAlertsAsync()).Select(a => (JsonNode)a).ToArray()),
            };
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task<Dictionary<Guid, int>> ProcessedTimesAsync(BenchSetup setup, Guid profile)
    {
        var rows = await setup.Admin.ListAsync($"mailboxes?$filter={Uri.EscapeDataString($"_emailserverprofile_value eq {profile}")}&$select=mailboxid,processedtimes&$top=100000");
        return rows.ToDictionary(r => r!["mailboxid"]!.GetValue<Guid>(), r => r!["processedtimes"]!.GetValue<int>());
    }

    /// <summary>Dovecot's imap processes (one per open IMAP connection after login) in the stack's session.</summary>
    private static int ImapProcesses()
    {
        if (MailStackOps.DovecotPid() is not { } master) return -1;
        var count = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var comm = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (comm == "imap" && f[3] == master.ToString()) count++;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return count;
    }
}
