using System.Diagnostics;
using System.Text.Json.Nodes;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;
using ServerSync.Testing;

namespace ServerSync.Bench;

/// <summary>
/// Scenario "import": one mailbox of N (10,000) generated messages, imported from scratch by ServerSync on SQLite and
/// on PostgreSQL, next to two baselines on the same mailbox: a raw MailKit fetch-and-parse (the ceiling) and mbsync
/// (isync) pulling it into a fresh Maildir with FSync yes. Each is run R (3) times, round robin, so background load
/// on the machine spreads over all of them.
/// </summary>
public sealed class ImportBench(BenchOptions options)
{
    private string _address = "";
    private (string Address, int Count)? _warmup;
    private long _wireBytes;

    public async Task RunAsync()
    {
        var file = new ResultFile("import", $"initial import of one {options.Count:N0}-message mailbox");
        ConsoleTap.Current.Phase = "import: corpus and mailbox";
        var corpus = await Corpus.EnsureAsync(options.Count, options.Seed);
        var prep = await EnsureMailboxAsync(corpus);
        file.Json["corpus"] = corpus.Summary.DeepClone();
        file.Json["corpus"]!["tag"] = corpus.Tag;
        file.Json["mailbox"] = prep;

        if (options.Warmup) await WarmupAsync();

        var ceiling = new List<JsonObject>();
        var mbsync = new List<JsonObject>();
        var engine = options.Stores.ToDictionary(s => s, _ => new List<JsonObject>());
        for (var run = 1; run <= options.Runs; run++)
        {
            Log.Line($"== import run {run}/{options.Runs}");
            ceiling.Add(await MailKitCeilingAsync());
            mbsync.Add(await MbsyncAsync());
            foreach (var store in options.Stores) engine[store].Add(await EngineImportAsync(store));
        }
        var profiles = new JsonObject();
        if (options.Profile)
            foreach (var store in options.Stores) profiles[store] = await new ImportProfile(_address, options.SmartMatching).RunAsync(store);

        Write(file, prep, ceiling, mbsync, engine, profiles);
    }

    // ---- the mailbox -----------------------------------------------------------------------------------------

    private async Task<JsonObject> EnsureMailboxAsync(Corpus corpus)
    {
        var (address, deliverSeconds) = await MailboxWithAsync(corpus, options.Count, $"bench-import-{corpus.Tag}");
        _address = address;
        return await DescribeMailboxAsync(reused: deliverSeconds is null, deliverSeconds);
    }

    /// <summary>A dedicated Dovecot user holding exactly <paramref name="messages"/> messages: reused when its count matches, else a fresh one gets the corpus.</summary>
    private static async Task<(string Address, double? DeliverSeconds)> MailboxWithAsync(Corpus corpus, int messages, string prefix)
    {
        for (var k = 1; ; k++)
        {
            var local = prefix + (k > 1 ? $"-{k}" : "");
            var address = (await MailStackOps.AddUsersAsync([local]))[0];
            var count = await MailStackOps.InboxCountAsync(address);
            if (count == messages)
            {
                Log.Line($"reusing {address}: INBOX already holds {count} messages");
                return (address, null);
            }
            if (count != 0)
            {
                Log.Line($"{address} holds {count} messages, not {messages}: trying the next user name");
                continue;
            }
            Log.Line($"delivering {messages} messages to {address} over LMTP (scripts/mailstack-deliver.sh)");
            var clock = Stopwatch.StartNew();
            Log.Line("  " + await MailStackOps.DeliverFolderAsync(address, corpus.Folder));
            var seconds = clock.Elapsed.TotalSeconds;
            count = await MailStackOps.InboxCountAsync(address);
            if (count != messages) throw new InvalidOperationException($"{address} holds {count} messages after delivery, expected {messages}");
            return (address, seconds);
        }
    }

    /// <summary>
    /// Not measured: one MailKit fetch of the big mailbox and, per store, one ServerSync import of a small mailbox, so the
    /// measured runs see JIT-compiled (tiered) code, as a long-running server does, instead of the first run paying for it.
    /// </summary>
    private async Task WarmupAsync()
    {
        const int warmupCount = 500;
        ConsoleTap.Current.Phase = "import: warm-up (not measured)";
        Log.Line("== warm-up (not measured): MailKit fetch of the big mailbox, a ServerSync import of a 500-message mailbox per store");
        var warmupCorpus = await Corpus.EnsureAsync(warmupCount, options.Seed + 1);
        var (address, _) = await MailboxWithAsync(warmupCorpus, warmupCount, $"bench-warmup-{warmupCorpus.Tag}");
        await MailKitCeilingAsync();
        foreach (var store in options.Stores) await EngineImportAsync(store, address, warmupCount);
        _warmup = (address, warmupCount);
    }

    private async Task<JsonObject> DescribeMailboxAsync(bool reused, double? deliverSeconds)
    {
        using var imap = await MailStackOps.ConnectImapAsync(_address);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var sizes = await imap.Inbox.FetchAsync(0, -1, MessageSummaryItems.Size);
        _wireBytes = sizes.Sum(s => (long)(s.Size ?? 0));
        await imap.DisconnectAsync(true);
        return new JsonObject
        {
            ["address"] = _address, ["messages"] = options.Count, ["wire_bytes"] = _wireBytes, ["reused"] = reused,
            ["lmtp_delivery_s"] = deliverSeconds is { } s ? Math.Round(s, 2) : null,
        };
    }

    // ---- baseline: MailKit fetch + parse (the ceiling) -------------------------------------------------------

    /// <summary>One session like the engine's (STARTTLS, LOGIN, EXAMINE), one UID FETCH BODY.PEEK[] of all, MimeMessage.Load each.</summary>
    private async Task<JsonObject> MailKitCeilingAsync()
    {
        var cpu = CpuSnapshot.Take();
        var clock = Stopwatch.StartNew();
        using var imap = await MailStackOps.ConnectImapAsync(_address);
        var inbox = (ImapFolder)imap.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadOnly);
        var uids = await inbox.SearchAsync(SearchQuery.All);
        long bytes = 0;
        var parsed = 0;
        var parse = new Stopwatch();
        await inbox.GetStreamsAsync(uids, (_, _, _, stream, _) =>
        {
            bytes += stream.Length;
            parse.Start();
            _ = MimeMessage.Load(stream);
            parse.Stop();
            parsed++;
            return Task.CompletedTask;
        });
        await imap.DisconnectAsync(true);
        var seconds = clock.Elapsed.TotalSeconds;
        if (parsed != options.Count) throw new InvalidOperationException($"MailKit fetched {parsed} messages, expected {options.Count}");
        Log.Line($"  MailKit fetch+parse: {seconds:F2} s = {options.Count / seconds:F0} msg/s (parse {parse.Elapsed.TotalSeconds:F2} s)");
        var result = Rate(seconds);
        result["parse_s"] = Math.Round(parse.Elapsed.TotalSeconds, 3);
        result["bytes"] = bytes;
        result["cpu"] = cpu.DeltaJson(CpuSnapshot.Take());
        return result;
    }

    // ---- baseline: mbsync ----------------------------------------------------------------------------------

    /// <summary>mbsync (isync) pulls INBOX into a fresh Maildir on the temp disk with FSync yes (its default), over STARTTLS.</summary>
    private async Task<JsonObject> MbsyncAsync()
    {
        var dir = Directory.CreateTempSubdirectory("serversync-bench-mbsync-").FullName;
        try
        {
            var rc = Path.Combine(dir, "mbsyncrc");
            // Host "localhost": mbsync checks the certificate's DNS name (the stack's cert has DNS:localhost), not its IP SAN.
            File.WriteAllText(rc, $"""
                FSync yes

                IMAPAccount bench
                Host localhost
                Port {MailStack.Current.ImapPort}
                User {_address}
                Pass {MailStack.PasswordOf(_address)}
                SSLType STARTTLS
                CertificateFile {MailStack.Current.TlsCertificate}
                AuthMechs PLAIN

                IMAPStore far
                Account bench

                MaildirStore near
                Path {dir}/local/
                Inbox {dir}/local/INBOX

                Channel pull
                Far :far:
                Near :near:
                Patterns INBOX
                Create Near
                Sync Pull
                SyncState {dir}/state/

                """);
            Directory.CreateDirectory(Path.Combine(dir, "local"));
            Directory.CreateDirectory(Path.Combine(dir, "state"));
            var cpu = CpuSnapshot.Take();
            var clock = Stopwatch.StartNew();
            // bash's `time` reports mbsync's own user+system CPU (a child process, outside the bench's CPU time).
            var times = await MailStackOps.RunAsync("bash", ["-c", "TIMEFORMAT='%3U %3S'; time mbsync -q -c \"$1\" pull", "bash", rc]);
            var seconds = clock.Elapsed.TotalSeconds;
            var us = times.Split('\n')[^1].Split(' ').Select(double.Parse).ToArray();
            var files = new[] { "cur", "new" }.Sum(d => Directory.Exists(Path.Combine(dir, "local", "INBOX", d)) ? Directory.GetFiles(Path.Combine(dir, "local", "INBOX", d)).Length : 0);
            if (files != options.Count) throw new InvalidOperationException($"mbsync stored {files} messages, expected {options.Count}");
            Log.Line($"  mbsync (FSync yes): {seconds:F2} s = {options.Count / seconds:F0} msg/s");
            var result = Rate(seconds);
            result["near_fs"] = Machine.FileSystemOf(dir);
            result["cpu"] = cpu.DeltaJson(CpuSnapshot.Take());
            result["cpu"]!["mbsync_cpu_s"] = Math.Round(us[0] + us[1], 3);
            return result;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // ---- ServerSync --------------------------------------------------------------------------------------

    /// <summary>
    /// A fresh server and store; a user whose mailbox is the import mailbox; Test &amp; Enable; then the time from the job's
    /// completedon until the N-th email activity of that mailbox exists ($count through the API every 250 ms).
    /// </summary>
    private async Task<JsonObject> EngineImportAsync(string store) => await EngineImportAsync(store, _address, options.Count, _warmup);

    /// <param name="settle">
    /// When given, the new server first imports this (warm-up) mailbox, untimed: a long-running server has compiled its code
    /// and made its keys long before a mailbox is enabled, so the measured import should not share the cores with that.
    /// </param>
    private async Task<JsonObject> EngineImportAsync(string store, string address, int expected, (string Address, int Count)? settle = null)
    {
        ConsoleTap.Current.Phase = "import: server start and setup";
        var server = Stores.Create(store);
        await server.InitializeAsync();
        try
        {
            var setup = await BenchSetup.CreateAsync(server, options.SmartMatching);
            var profile = await setup.ImapProfileAsync();
            if (settle is { } warm)
            {
                var settling = await setup.UserMailboxAsync(profile, warm.Address);
                await setup.WaitForJobAsync(await setup.ScheduleTestAndEnableAsync([settling]), TimeSpan.FromMinutes(2));
                var settleClock = Stopwatch.StartNew();
                while (await setup.CountAsync("emails", $"_receivingmailboxid_value eq {settling}") < warm.Count)
                {
                    if (settleClock.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"the settling import of {warm.Address} did not finish");
                    await Task.Delay(250);
                }
            }
            var mailbox = await setup.UserMailboxAsync(profile, address);
            if (address == _address && options.Contacts > 0)
            {
                var seeding = Stopwatch.StartNew();
                await CrmSeeder.SeedContactsAsync(server, mailbox, options.Contacts);
                Log.Line($"  seeded {options.Contacts:N0} contacts in {seeding.Elapsed.TotalSeconds:F1} s");
            }
            ConsoleTap.Current.Phase = "import: measured (Test & Enable → last activity)";
            var cpu0 = CpuSnapshot.Take();
            var job = await setup.ScheduleTestAndEnableAsync([mailbox]);
            await setup.WaitForJobAsync(job, TimeSpan.FromMinutes(2));
            var store0 = new StoreReader(server);
            var (scheduled, completed) = await store0.JobAsync(job);
            var t0 = completed!.Value; // exact; the API shows whole seconds

            var samples = new JsonArray();
            // Every distinct reading of the mailbox row; the cycles are rebuilt from them at the end (see Cycles).
            var observed = new List<StoreReader.Cycle>();
            var lastProcessed = 0;
            void Observe(StoreReader.Cycle row)
            {
                if (observed.Count == 0 || observed[^1] != row) observed.Add(row);
                lastProcessed = row.ProcessedTimes;
            }
            DateTimeOffset? firstActivity = null;
            var count = 0;
            var limit = TimeSpan.FromSeconds(options.EngineTimeoutSeconds);
            while (true)
            {
                count = await setup.CountAsync("emails", $"_receivingmailboxid_value eq {mailbox}");
                var now = DateTimeOffset.UtcNow;
                if (count > 0 && firstActivity is null) firstActivity = now;
                samples.Add(new JsonArray(Math.Round((now - t0).TotalSeconds, 3), count));
                Observe(await store0.MailboxAsync(mailbox));
                if (count >= expected || now - t0 > limit) break;
                await Task.Delay(250);
            }
            var end = DateTimeOffset.UtcNow;
            var cpu1 = CpuSnapshot.Take();
            var lastProcessedAtEnd = lastProcessed;
            // The last cycle's end is written after its last batch: wait (untimed) for it, so the cycle list is complete.
            for (var i = 0; i < 40; i++)
            {
                var row = await store0.MailboxAsync(mailbox);
                Observe(row);
                if (row.ProcessedTimes > lastProcessedAtEnd) break;
                await Task.Delay(250);
            }
            var seconds = (end - t0).TotalSeconds;
            var complete = count >= expected;
            Log.Line($"  ServerSync on {Stores.Label(store)}: {count} activities in {seconds:F1} s = {count / seconds:F0} msg/s" + (complete ? "" : " (INCOMPLETE: gave up)"));
            var result = Rate(seconds, count, expected);
            result["complete"] = complete;
            result["test_and_enable_s"] = Math.Round((t0 - scheduled).TotalSeconds, 3);
            result["first_activity_after_s"] = firstActivity is { } f ? Math.Round((f - t0).TotalSeconds, 3) : null;
            result["cpu"] = cpu0.DeltaJson(cpu1);
            var cycles = Cycles(observed, t0);
            result["cycles"] = cycles;
            // Cycles that stored mail (the empty one after the last message is not part of the import).
            var working = cycles.Where(c => c!["items"]!.GetValue<int>() > 0).ToList();
            result["working_cycles"] = working.Count;
            result["active_cycle_s"] = Math.Round(working.Sum(c => (c!["completed_s"]?.GetValue<double>() ?? 0) - (c["started_s"]?.GetValue<double>() ?? 0)), 3);
            result["count_samples"] = samples;
            result["alerts"] = new JsonArray((await setup.ProblemAlertsAsync()).Select(a => (JsonNode)a).ToArray());
            return result;
        }
        finally
        {
            ConsoleTap.Current.Phase = "import: server stop";
            await server.DisposeAsync();
        }
    }

    /// <summary>
    /// Cycle k ends when processedtimes becomes k (lastsuccessfulsynccompletedon is written then); its start is the latest
    /// lastsyncstartedon seen that is not after that end. (Read naively, a row caught just after cycle k+1's first batch
    /// was saved pairs cycle k's end with cycle k+1's start.)
    /// </summary>
    private static JsonArray Cycles(List<StoreReader.Cycle> observed, DateTimeOffset t0)
    {
        var starts = observed.Select(o => o.Started).OfType<DateTimeOffset>().Distinct().Order().ToList();
        var cycles = new JsonArray();
        foreach (var end in observed.Where(o => o.ProcessedTimes > 0).GroupBy(o => o.ProcessedTimes).OrderBy(g => g.Key).Select(g => g.First()))
        {
            var started = end.Completed is { } c ? starts.LastOrDefault(s => s <= c) : (DateTimeOffset?)null;
            cycles.Add(new JsonObject
            {
                ["cycle"] = end.ProcessedTimes,
                ["started_s"] = started is { } s && s != default ? Math.Round((s - t0).TotalSeconds, 3) : null,
                ["completed_s"] = end.Completed is { } e ? Math.Round((e - t0).TotalSeconds, 3) : null,
                ["items"] = end.Items, ["failed"] = end.Failed, ["error"] = end.Error,
            });
        }
        return cycles;
    }

    private JsonObject Rate(double seconds, int? messages = null, int? of = null)
    {
        var n = messages ?? options.Count;
        var mb = of is { } total && total != options.Count ? double.NaN : _wireBytes * ((double)n / options.Count) / 1e6 / seconds;
        return new JsonObject
        {
            ["seconds"] = Math.Round(seconds, 3), ["messages"] = n,
            ["msg_per_s"] = Math.Round(n / seconds, 1), ["mb_per_s"] = double.IsNaN(mb) ? null : Math.Round(mb, 2),
        };
    }

    // ---- the result files ---------------------------------------------------------------------------------

    private void Write(ResultFile file, JsonObject prep, List<JsonObject> ceiling, List<JsonObject> mbsync, Dictionary<string, List<JsonObject>> engine, JsonObject profiles)
    {
        static double[] Secs(List<JsonObject> runs) => runs.Select(r => r["seconds"]!.GetValue<double>()).ToArray();
        static double[] Rates(List<JsonObject> runs) => runs.Select(r => r["msg_per_s"]!.GetValue<double>()).ToArray();
        var ceilingRate = Stats.Median(Rates(ceiling));
        var mbsyncRate = Stats.Median(Rates(mbsync));

        file.Json["settings"] = new JsonObject { ["runs"] = options.Runs, ["contacts"] = options.Contacts, ["smart_matching"] = options.SmartMatching, ["engine"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(BenchSettings.Describe())) };
        file.Json["mailkit_ceiling"] = new JsonArray(ceiling.Select(r => (JsonNode)r).ToArray());
        file.Json["mbsync_fsync_yes"] = new JsonArray(mbsync.Select(r => (JsonNode)r).ToArray());
        file.Json["serversync"] = new JsonObject(engine.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)new JsonArray(kv.Value.Select(r => (JsonNode)r).ToArray()))));
        file.Json["profile"] = profiles;

        file.Heading("Machine");
        file.Facts(Machine.Facts(Versions.Postgres(), Versions.Sqlite()));
        file.Heading("Mailbox");
        file.Para($"`{prep["address"]}` on the project's mail stack (Dovecot, `scripts/mailstack-start.sh`), {options.Count:N0} messages from " +
                  $"`bench/gen-messages.py --count {options.Count} --seed {options.Seed}` (corpus {file.Json["corpus"]!["tag"]}, the last part a hash of the generator; {_wireBytes / 1e6:F1} MB as IMAP sizes them, " +
                  $"{file.Json["corpus"]!["with_attachments"]} with attachments, {file.Json["corpus"]!["replies"]} replies, {file.Json["corpus"]!["alternative"]} multipart/alternative), " +
                  (prep["reused"]!.GetValue<bool>() ? "already in the mailbox from an earlier run (count matched)." : $"delivered over LMTP in {prep["lmtp_delivery_s"]} s."));
        if (options.Contacts > 0)
            file.Para($"The measured mailbox's environment holds **{options.Contacts:N0} contacts** (`--contacts`, written through the store before the mailbox is enabled; " +
                      "none matches an address of the corpus, a third have a second address): every batch's sender and recipient lookups search among them.");

        if (options.SmartMatching)
            file.Para("The measured environment has **smart matching on** (`--smart-matching`): every message without an In-Reply-To, tracking token or " +
                      "conversation-index match is compared by subject hash and addresses with the last 90 days of mail, and all of it shares the mailbox's address.");

        file.Heading("Results (median of " + options.Runs + " runs; all runs listed)");
        var rows = new List<string[]>
        {
            Row("MailKit fetch + parse (ceiling): 1 session, UID FETCH BODY.PEEK[] of all, MimeMessage.Load each", ceiling),
            Row("mbsync (isync) pull into a fresh Maildir, FSync yes", mbsync),
        };
        rows.AddRange(options.Stores.Select(s => Row($"ServerSync on {Stores.Label(s)}: Test & Enable completed → {options.Count:N0}th email activity exists", engine[s])));
        file.Table(["method", "median s", "median msg/s", "median MB/s", "runs (s)", "runs (msg/s)"], rows);
        file.Para("All over STARTTLS on 127.0.0.1 (as the engine connects). ServerSync's time starts at the Test & Enable job's `completedon` " +
                  "(read from the store to the millisecond; the API shows whole seconds) " +
                  "and ends when `$count` of the mailbox's emails reaches the total (polled every 250 ms through the API), so it includes the job " +
                  "waking the mailbox and anything between cycles (engine settings below). Each run starts a new server; " +
                  (options.Warmup ? "before the measured mailbox is enabled, that server imports the 500-message warm-up mailbox (untimed), so the measured import " +
                                    "runs on a server that has already worked, as a long-running one has, not alongside its start-up (JIT compilation of the new " +
                                    "server's code, key generation)." : "warm-up was off (--no-warmup), so the measured import shares the cores with the new server's start-up."));

        file.Heading("CPU per 1,000 messages (medians; robust to other load on the machine, unlike wall time)");
        double Cpu(JsonObject r, string k) => r["cpu"]?[k]?.GetValue<double>() ?? double.NaN;
        string PerK(IEnumerable<double> v) => Stats.F(Stats.Median(v) * 1000 / options.Count, 2);
        List<string[]> cpuRows =
        [
            ["MailKit fetch + parse", PerK(ceiling.Select(r => Cpu(r, "process_cpu_s"))), PerK(ceiling.Select(r => Cpu(r, "dovecot_cpu_s"))), "–", PerK(ceiling.Select(r => Cpu(r, "process_cpu_s") + Cpu(r, "dovecot_cpu_s")))],
            ["mbsync, FSync yes", PerK(mbsync.Select(r => Cpu(r, "mbsync_cpu_s"))), PerK(mbsync.Select(r => Cpu(r, "dovecot_cpu_s"))), "–", PerK(mbsync.Select(r => Cpu(r, "mbsync_cpu_s") + Cpu(r, "dovecot_cpu_s")))],
        ];
        foreach (var s in options.Stores)
        {
            var pg = s == "postgres";
            cpuRows.Add([$"ServerSync on {Stores.Label(s)} (bench process = server, incl. its 250 ms polls)", PerK(engine[s].Select(r => Cpu(r, "process_cpu_s"))), PerK(engine[s].Select(r => Cpu(r, "dovecot_cpu_s"))),
                pg ? PerK(engine[s].Select(r => Cpu(r, "postgres_cpu_s"))) : "in-process",
                PerK(engine[s].Select(r => Cpu(r, "process_cpu_s") + Cpu(r, "dovecot_cpu_s") + (pg ? Cpu(r, "postgres_cpu_s") : 0)))]);
        }
        file.Table(["method", "client CPU s", "Dovecot CPU s", "PostgreSQL CPU s", "total CPU s"], cpuRows);
        file.Para("Client = the process doing the import (the bench for MailKit and ServerSync, mbsync's own user+system time from bash `time`). " +
                  $"Load average when the bench started: {Machine.LoadAtStart}; at the end: see the header (other work shares these {Environment.ProcessorCount} cores).");

        file.Heading("Targets");
        var targetRows = new List<string[]>();
        foreach (var s in options.Stores)
        {
            var rate = Stats.Median(Rates(engine[s]));
            targetRows.Add([$"{Stores.Label(s)}: ≥ mbsync rate ({Stats.F(mbsyncRate, 0)} msg/s)", Stats.F(rate, 0) + " msg/s", rate >= mbsyncRate ? "met" : "**missed**"]);
            targetRows.Add([$"{Stores.Label(s)}: ≥ half the MailKit ceiling ({Stats.F(ceilingRate / 2, 0)} msg/s)", Stats.F(rate, 0) + " msg/s", rate >= ceilingRate / 2 ? "met" : "**missed**"]);
        }
        file.Table(["target", "ServerSync median", "verdict"], targetRows);

        file.Heading("Where ServerSync's time goes (end-to-end runs)");
        var detail = new List<string[]>();
        foreach (var s in options.Stores)
        {
            foreach (var (r, i) in engine[s].Select((r, i) => (r, i)))
            {
                var active = r["active_cycle_s"]!.GetValue<double>();
                var total = r["seconds"]!.GetValue<double>();
                detail.Add([$"{Stores.Label(s)} run {i + 1}", Stats.F(total, 1), r["working_cycles"]!.ToString(), Stats.F(active, 1), Stats.F(total - active, 1),
                    Stats.F(r["first_activity_after_s"]?.GetValue<double>() ?? double.NaN, 2), Stats.F(r["cpu"]!["process_cpu_s"]!.GetValue<double>(), 1),
                    Stats.F(r["cpu"]!["dovecot_cpu_s"]!.GetValue<double>(), 1), r["alerts"]!.AsArray().Count.ToString()]);
            }
        }
        file.Table(["run", "total s", "cycles", "inside cycles s", "between cycles s", "first activity after s", "bench-process CPU s", "Dovecot CPU s", "warning/error alerts"], detail);
        file.Para("`inside cycles` sums `lastsuccessfulsynccompletedon − lastsyncstartedon` of every cycle that stored mail (read from the mailbox row, in the store, as it changes); " +
                  "`between cycles` is the rest: the Test & Enable job waking the mailbox's grain once it is enabled, and whatever separates one cycle of at most " +
                  "IncomingMaximumEmailsPerCycle (1,000) messages from the next (a cycle that stops at that cap is followed at once).");
        if (options.Profile) ImportProfile.Write(file, profiles);

        file.Heading("Engine settings");
        var described = BenchSettings.Describe();
        if (!described.ContainsKey("IncomingMaximumEmailsPerCycle")) described["IncomingMaximumEmailsPerCycle"] = "1000 (default)";
        if (!described.ContainsKey("IncomingEmailRetrievalBatchSize")) described["IncomingEmailRetrievalBatchSize"] = "200 (default)";
        file.Table(["setting", "value"], described.Select(kv => new[] { kv.Key, kv.Value }));
        ConsoleTap.Current.Write(file);
        file.Write(options.ResultsDirectory);

        string[] Row(string name, List<JsonObject> runs) =>
        [
            name, Stats.F(Stats.Median(Secs(runs)), 2), Stats.F(Stats.Median(Rates(runs)), 0),
            Stats.F(Stats.Median(runs.Select(r => r["mb_per_s"]!.GetValue<double>())), 1), Stats.Runs(Secs(runs), 2), Stats.Runs(Rates(runs), 0),
        ];
    }
}

/// <summary>The generated message corpus, cached in bench/.cache per count, seed and version of the generator.</summary>
public sealed record Corpus(string Folder, JsonObject Summary, string Tag)
{
    public static async Task<Corpus> EnsureAsync(int count, int seed)
    {
        var root = Path.Combine(MailStack.RepositoryRoot(), "bench", ".cache");
        var generator = Path.Combine(MailStack.RepositoryRoot(), "bench", "gen-messages.py");
        // Another generator makes other messages: the cache folder (and the mailbox name) carry a hash of it.
        var tag = $"{count}-s{seed}-g{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(generator)))[..8]}";
        var folder = Path.Combine(root, $"corpus-{tag}");
        var summaryFile = folder + ".json";
        if (!File.Exists(summaryFile))
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Log.Line($"generating {count} messages (bench/gen-messages.py --seed {seed}) into {folder}");
            var output = await MailStackOps.RunAsync("python3", [generator, "--count", count.ToString(), "--seed", seed.ToString(), "--out", folder]);
            File.WriteAllText(summaryFile, output.Split('\n').Last(l => l.StartsWith('{')));
        }
        var summary = JsonNode.Parse(File.ReadAllText(summaryFile))!.AsObject();
        Log.Line($"corpus: {summary.ToJsonString()}");
        return new Corpus(folder, summary, tag);
    }
}
