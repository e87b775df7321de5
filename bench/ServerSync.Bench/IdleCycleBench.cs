using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServerSync.Storage;
using ServerSync.Testing;

namespace ServerSync.Bench;

/// <summary>
/// Scenario "idle-cycle": K (1,000) mailboxes with empty INBOXes: mail users added in one scripts/mailstack-add-user.sh
/// call, mailboxes created through the API (queue mailboxes by default: no directory password to hash, same cycle) and
/// enabled by one TestAndEnableMailboxes call. Long backoffs (a mailbox without mail is due again after 20 minutes) keep
/// every pass to exactly one cycle per mailbox.
///   A. first pass: server 1, from the Test &amp; Enable call until every mailbox's processedtimes ≥ 1;
///   B. full scheduler pass: server 1 is stopped, server 2 starts on the same store; once it has settled, every
///      mailbox is made due at once (postponemailboxprocessinguntil cleared), and the pass lasts until every mailbox
///      has completed a cycle after that moment (lastsuccessfulsynccompletedon ≥ T).
/// Measured: wall time, the bench process's CPU time (the server runs in it), Dovecot's CPU time, managed heap and
/// working set before/after divided by K, and the IMAP connections left open (IDLE waits).
/// </summary>
public sealed class IdleCycleBench(BenchOptions options)
{
    public async Task RunAsync()
    {
        var file = new ResultFile("idle-cycle", $"scheduler passes over {options.IdleMailboxes:N0} idle mailboxes");
        var results = new JsonObject();
        foreach (var store in options.Stores) results[store] = await RunStoreAsync(store);
        var settings = BenchSettings.Describe(longBackoff: true);
        file.Json["settings"] = new JsonObject
        {
            ["mailboxes"] = options.IdleMailboxes, ["owner"] = options.IdleOwner,
            ["engine"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(settings)),
        };
        file.Json["stores"] = results;
        var n = options.IdleMailboxes;

        file.Heading("Machine");
        file.Facts(Machine.Facts(Versions.Postgres(), Versions.Sqlite()));
        file.Heading("Results");
        file.Para($"{n:N0} {options.IdleOwner} mailboxes on one IMAP profile (STARTTLS; `maxconcurrentconnections` 10, the profile default), empty INBOXes, " +
                  "mail users added in one `scripts/mailstack-add-user.sh --users …` call, mailboxes enabled by one `TestAndEnableMailboxes` call. " +
                  "CPU: the bench process's `TotalProcessorTime` (the server runs in it; the bench's own 250 ms `$count` polls are included) and Dovecot's (master, its reaped and live children).");
        var rows = new List<string[]>();
        foreach (var (store, node) in results)
        {
            var r = node!.AsObject();
            foreach (var (label, key) in new[] { ("A. first pass: Test & Enable call → every processedtimes ≥ 1 (includes the Test & Enable job)", "first_pass"), ("B. full scheduler pass on a restarted server: all due at T → every mailbox completed a cycle after T", "full_pass") })
            {
                var p = r[key]!.AsObject();
                double V(string k) => p[k]!.GetValue<double>();
                rows.Add([Stores.Label(store), label, Stats.F(V("wall_s"), 1), p["cycles"]!.ToString(), Stats.F(p["cycles"]!.GetValue<int>() / V("wall_s"), 0),
                    Stats.F(V("process_cpu_s"), 1), Stats.F(V("process_cpu_s") * 1000 / n, 1), Stats.F(V("dovecot_cpu_s"), 1), Stats.F(V("dovecot_cpu_s") * 1000 / n, 1),
                    store == "postgres" ? Stats.F(V("postgres_cpu_s"), 1) : "in-process", Stats.F(V("machine_busy_cpu_s"), 1)]);
            }
        }
        file.Table(["store", "pass", "wall s", "cycles", "cycles/s", "process CPU s", "process CPU ms per mailbox", "Dovecot CPU s", "Dovecot CPU ms per mailbox", "PostgreSQL CPU s", "whole machine busy CPU s (all processes, incl. other work)"], rows);

        file.Heading("Memory per mailbox, connections, Test & Enable");
        var mem = new List<string[]>();
        foreach (var (store, node) in results)
        {
            var r = node!.AsObject();
            foreach (var (label, key) in new[] { ("A (before Test & Enable → after the first pass)", "first_pass"), ("B (server settled → after the full pass)", "full_pass") })
            {
                var m = r[key]!["memory"]!.AsObject();
                double M(string k) => m[k]!.GetValue<double>();
                mem.Add([Stores.Label(store), label, $"{Stats.F(M("managed_before_mb"), 0)} → {Stats.F(M("managed_after_mb"), 0)}", Stats.F(M("managed_per_mailbox_kb"), 1),
                    $"{Stats.F(M("working_set_before_mb"), 0)} → {Stats.F(M("working_set_after_mb"), 0)}", Stats.F(M("working_set_per_mailbox_kb"), 1),
                    r[key]!["imap_connections_at_end"]!.ToString()]);
            }
        }
        file.Table(["store", "phase", "managed heap MB", "managed KB per mailbox", "working set MB", "working set KB per mailbox", "Dovecot imap processes (open IMAP sessions) at the end"], mem);
        file.Table(["store", "mailbox setup s (API, 4 parallel)", "Test & Enable job s", "ms per mailbox", "mailboxes disabled", "warning/error alerts"], results.Select(kv =>
        {
            var r = kv.Value!.AsObject();
            var te = r["test_and_enable_s"]!.GetValue<double>();
            return new[] { Stores.Label(kv.Key), Stats.F(r["setup_s"]!.GetValue<double>(), 1), Stats.F(te, 1), Stats.F(te * 1000 / n, 0), r["disabled_mailboxes"]!.ToString(), r["alerts"]!.AsArray().Count.ToString() };
        }));
        file.Para("Memory: `GC.GetTotalMemory(true)` (after a full collection) and the process working set, before and after, difference / mailboxes. " +
                  "After a cycle each mailbox's grain stays active and holds an IMAP IDLE connection (MailKit ImapClient over TLS) until its next cycle is due, " +
                  "so the per-mailbox figure is mostly that connection; Dovecot keeps one `imap` process per such connection.");
        file.Heading("Target");
        file.Para("No number was set for the idle cycle; the per-mailbox cost is the result (CPU ms per mailbox per pass for ServerSync and for Dovecot, KB per mailbox, " +
                  "one IMAP connection per enabled mailbox). For scale: with the production defaults (idle mailboxes looked at every 10 minutes to 6 hours) a full pass " +
                  "of B's length is the time one node needs to look at every idle mailbox once.");
        file.Heading("Engine settings (idle-cycle)");
        file.Table(["setting", "value"], settings.Select(kv => new[] { kv.Key, kv.Value }));
        ConsoleTap.Current.Write(file);
        file.Write(options.ResultsDirectory);
    }

    private async Task<JsonObject> RunStoreAsync(string store)
    {
        var n = options.IdleMailboxes;
        Log.Line($"== idle-cycle on {Stores.Label(store)}: {n} {options.IdleOwner} mailboxes");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var clock = Stopwatch.StartNew();
        var addresses = await MailStackOps.AddUsersAsync(Enumerable.Range(1, n).Select(i => $"bench-idle-{tag}-{i:0000}").ToList());
        Log.Line($"  {n} mail users added in one mailstack-add-user.sh call in {clock.Elapsed.TotalSeconds:F2} s");
        await using var shared = await PersistentStore.CreateAsync(store);
        var settings = BenchSettings.Engine(longBackoff: true).ToList();
        var result = new JsonObject();

        // ---- A: server 1 sets everything up, enables with one call, first pass ---------------------------------
        string environment;
        Guid profile;
        ConsoleTap.Current.Phase = "idle: server start and setup";
        var server = shared.Server(settings);
        await server.InitializeAsync();
        try
        {
            var scenario = await Scenario.CreateAsync(server);
            environment = scenario.Environment;
            var setup = new BenchSetup(scenario.Admin);
            profile = await setup.ImapProfileAsync();
            clock.Restart();
            var mailboxes = options.IdleOwner == "user" ? await setup.UserMailboxesAsync(profile, addresses) : await setup.QueueMailboxesAsync(profile, addresses);
            result["setup_s"] = Math.Round(clock.Elapsed.TotalSeconds, 2);

            var before = CpuSnapshot.Take(fullGc: true);
            ConsoleTap.Current.Phase = "idle A: Test & Enable and first pass (measured)";
            clock.Restart();
            var job = await setup.ScheduleTestAndEnableAsync(mailboxes);
            var jobRow = await setup.WaitForJobAsync(job, TimeSpan.FromMinutes(15));
            var jobSeconds = clock.Elapsed.TotalSeconds;
            result["test_and_enable_s"] = Math.Round(jobSeconds, 2);
            result["job_message"] = jobRow["message"]?.GetValue<string>();
            Log.Line($"  Test & Enable of {n} mailboxes done in {jobSeconds:F1} s: {jobRow["message"]}");
            await WaitAsync(setup, $"_emailserverprofile_value eq {profile} and processedtimes eq 0", TimeSpan.FromMinutes(5), "ran a first cycle");
            var done = CpuSnapshot.Take();
            ConsoleTap.Current.Phase = "idle A: after the pass (memory reading)";
            var first = Pass(before, done, await ProcessedTimesAsync(setup, profile), null);
            first["after_job_s"] = Math.Round(clock.Elapsed.TotalSeconds - jobSeconds, 2);
            await SettleAsync();
            first["memory"] = Memory(before, CpuSnapshot.Take(fullGc: true), n);
            first["imap_connections_at_end"] = ImapProcesses();
            result["first_pass"] = first;
            Log.Line($"  A. first pass: {first["wall_s"]} s from the call ({first["after_job_s"]} s after the job), {first["cycles"]} cycles, " +
                     $"process CPU {first["process_cpu_s"]} s, Dovecot CPU {first["dovecot_cpu_s"]} s, {first["imap_connections_at_end"]} IMAP sessions open");
        }
        finally
        {
            ConsoleTap.Current.Phase = "idle: server restart";
            await server.DisposeAsync();
            PersistentStore.ClearPools();
        }

        // ---- B: server 2 on the same store; every mailbox due at once; one full scheduler pass -------------------
        Log.Line("  restarting the server on the same store");
        server = shared.Server(settings);
        await server.InitializeAsync();
        try
        {
            var admin = (await Api.SignInAsync(server, ServerFixture.AdminUpn, ServerFixture.AdminPassword)).In(environment);
            var setup = new BenchSetup(admin);
            await SettleAsync();
            var before = CpuSnapshot.Take(fullGc: true);
            var counts0 = await ProcessedTimesAsync(setup, profile);
            ConsoleTap.Current.Phase = "idle B: full pass (measured)";
            var due = DateTimeOffset.UtcNow;
            using (var scope = server.Factory.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
                var changed = await db.Mailboxes.Where(m => m.EmailServerProfileId == profile)
                    .ExecuteUpdateAsync(u => u.SetProperty(m => m.PostponeMailboxProcessingUntil, (DateTimeOffset?)null));
                if (changed != n) throw new InvalidOperationException($"made {changed} mailboxes due, expected {n}");
            }
            await WaitAsync(setup, $"_emailserverprofile_value eq {profile} and (lastsuccessfulsynccompletedon eq null or lastsuccessfulsynccompletedon lt {BenchSetup.OData(due)})",
                TimeSpan.FromMinutes(5), "completed a cycle in the full pass");
            var done = CpuSnapshot.Take();
            ConsoleTap.Current.Phase = "idle B: after the pass (memory reading)";
            var full = Pass(before with { At = due }, done, await ProcessedTimesAsync(setup, profile), counts0);
            await SettleAsync();
            full["memory"] = Memory(before, CpuSnapshot.Take(fullGc: true), n);
            full["imap_connections_at_end"] = ImapProcesses();
            result["full_pass"] = full;
            Log.Line($"  B. full pass: {full["wall_s"]} s, {full["cycles"]} cycles, process CPU {full["process_cpu_s"]} s, Dovecot CPU {full["dovecot_cpu_s"]} s, " +
                     $"{full["imap_connections_at_end"]} IMAP sessions open");
            result["disabled_mailboxes"] = await setup.CountAsync("mailboxes", $"_emailserverprofile_value eq {profile} and enabledforincomingemail eq false");
            result["alerts"] = new JsonArray((await setup.ProblemAlertsAsync()).Select(a => (JsonNode)a).ToArray());
        }
        finally
        {
            ConsoleTap.Current.Phase = "idle: server stop";
            await server.DisposeAsync();
        }
        return result;
    }

    /// <summary>Lets the grains' IDLE connections open and background work end before a memory reading.</summary>
    private static Task SettleAsync() => Task.Delay(TimeSpan.FromSeconds(3));

    private static async Task WaitAsync(BenchSetup setup, string filter, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        var reported = 0;
        while (await setup.CountAsync("mailboxes", filter) is var left and > 0)
        {
            if (clock.Elapsed > limit) throw new TimeoutException($"{left} mailboxes had not {what} after {limit.TotalMinutes} minutes");
            if ((int)clock.Elapsed.TotalSeconds / 10 > reported) { reported = (int)clock.Elapsed.TotalSeconds / 10; Log.Line($"    {left} mailboxes still to go"); }
            await Task.Delay(250);
        }
    }

    private static JsonObject Pass(CpuSnapshot start, CpuSnapshot end, Dictionary<Guid, int> counts, Dictionary<Guid, int>? before)
    {
        var pass = start.DeltaJson(end);
        var cycles = counts.Sum(kv => kv.Value - (before?.GetValueOrDefault(kv.Key) ?? 0));
        pass["cycles"] = cycles;
        pass["process_cpu_ms_per_cycle"] = Math.Round(pass["process_cpu_s"]!.GetValue<double>() * 1000 / Math.Max(1, cycles), 2);
        return pass;
    }

    private static JsonObject Memory(CpuSnapshot before, CpuSnapshot after, int n) => new()
    {
        ["managed_before_mb"] = Math.Round(before.ManagedBytes / 1e6, 1), ["managed_after_mb"] = Math.Round(after.ManagedBytes / 1e6, 1),
        ["managed_per_mailbox_kb"] = Math.Round((after.ManagedBytes - before.ManagedBytes) / 1e3 / n, 2),
        ["working_set_before_mb"] = Math.Round(before.WorkingSetBytes / 1e6, 1), ["working_set_after_mb"] = Math.Round(after.WorkingSetBytes / 1e6, 1),
        ["working_set_per_mailbox_kb"] = Math.Round((after.WorkingSetBytes - before.WorkingSetBytes) / 1e3 / n, 2),
    };

    private static async Task<Dictionary<Guid, int>> ProcessedTimesAsync(BenchSetup setup, Guid profile)
    {
        var rows = await setup.Admin.ListAsync($"mailboxes?$filter={Uri.EscapeDataString($"_emailserverprofile_value eq {profile}")}&$select=mailboxid,processedtimes&$top=100000");
        return rows.ToDictionary(r => r!["mailboxid"]!.GetValue<Guid>(), r => r!["processedtimes"]!.GetValue<int>());
    }

    /// <summary>Dovecot's imap processes (one per logged-in IMAP connection) in the stack's session.</summary>
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
