using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ServerSync.Connectors.Abstractions;
using ServerSync.Domain.Email;
using ServerSync.Engine.Incoming;
using ServerSync.Engine.Mailboxes;
using ServerSync.Storage;
using ServerSync.Testing;

namespace ServerSync.Bench;

/// <summary>
/// Where the import's time goes: the same work as MailboxCycle's incoming part (one connector session per cycle; each batch
/// of 200 downloaded and parsed while the previous one is stored; IncomingPipeline, then the batch's rows (RowInserter) and
/// the sync state in one transaction; a new DI scope, i.e. a new DbContext, every 1,000 messages as each cycle gets), driven
/// directly by the bench on a server whose scheduler is off, with a stopwatch around each phase and EF Core's
/// CommandExecuted events (DiagnosticListener) for the time spent in the database. Nothing in src/ is changed.
/// </summary>
public sealed class ImportProfile(string address, bool smartMatching)
{
    private const int BatchSize = 200, PerCycle = 1000; // SyncSettings defaults: IncomingEmailRetrievalBatchSize, IncomingMaximumEmailsPerCycle

    public async Task<JsonObject> RunAsync(string store)
    {
        Log.Line($"== import profile on {Stores.Label(store)} (instrumented batches, scheduler off)");
        ConsoleTap.Current.Phase = "import profile";
        var server = Stores.Create(store, engineEnabled: false);
        await server.InitializeAsync();
        try
        {
            var setup = await BenchSetup.CreateAsync(server, smartMatching);
            var mailboxId = await setup.UserMailboxAsync(await setup.ImapProfileAsync(), address);
            using var ef = new EfCommandStats();
            var batches = new JsonArray();
            var phase = new Dictionary<string, double> { ["fetch"] = 0, ["pipeline"] = 0, ["save"] = 0, ["cycle_overhead"] = 0 };
            var cpu = phase.Keys.ToDictionary(k => k, _ => 0.0);
            var lastCpu = Cpu();
            double Lap(Stopwatch clock, string name)
            {
                var s = clock.Elapsed.TotalSeconds;
                clock.Restart();
                phase[name] += s;
                var now = Cpu();
                cpu[name] += now - lastCpu;
                lastCpu = now;
                return Math.Round(s, 4);
            }
            var cpuStart = lastCpu;
            var total = Stopwatch.StartNew();
            var created = 0;
            var parseSeconds = 0.0;
            var more = true;
            var emptySessions = new List<double>();
            for (var cycle = 1; more; cycle++)
            {
                var overhead = Stopwatch.StartNew();
                lastCpu = Cpu();
                using var scope = server.Factory.Services.CreateScope();
                var sp = scope.ServiceProvider;
                var db = sp.GetRequiredService<ServerSyncDbContext>();
                var pipeline = sp.GetRequiredService<IncomingPipeline>();
                ef.Phase = "cycle_overhead";
                var mailbox = await db.Mailboxes.FirstAsync(m => m.Id == mailboxId);
                var profile = await db.EmailServerProfiles.FirstAsync(p => p.Id == mailbox.EmailServerProfileId);
                var org = await db.Organizations.SingleAsync(o => o.EnvironmentId == mailbox.EnvironmentId);
                var connector = sp.GetRequiredService<MailConnectors>().Incoming(profile.Type);
                var endpoint = sp.GetRequiredService<MailboxEndpoints>().Incoming(profile, mailbox);
                var key = MailboxEndpoints.StateKey(profile, endpoint);
                var owner = new MailboxOwner("systemuser", mailbox.RegardingObjectId!.Value, IncomingFilteringMethod.AllEmail);
                var receivedAfter = mailbox.ProcessEmailReceivedAfter ?? profile.ProcessEmailsReceivedAfter;
                Lap(overhead, "cycle_overhead");
                var processed = 0;
                var index = 0;
                var clock = Stopwatch.StartNew();
                ef.Phase = "fetch";
                // As MailboxCycle: parsing is the handler's Prepare step, run by the connector as soon as a batch is downloaded
                // (while the previous batch is stored); timed there, on its own thread, and not part of the phases below.
                var handler = new BatchHandler<(ParsedBatch Parsed, double Seconds)>((batch, token) =>
                {
                    var parse = Stopwatch.StartNew();
                    var parsed = pipeline.Parse(mailboxId, batch.Messages, token);
                    return (parsed, parse.Elapsed.TotalSeconds);
                }, async (batch, prepared, token) =>
                {
                    var b = new JsonObject { ["cycle"] = cycle, ["batch"] = ++index };
                    b["fetch_s"] = Lap(clock, "fetch"); // waiting for this batch: its download and parse overlapped the previous batch's store
                    b["parse_s"] = Math.Round(prepared.Seconds, 4);
                    parseSeconds += prepared.Seconds;

                    ef.Phase = "pipeline";
                    var rows = new NewActivityRows();
                    BatchResult result;
                    await using (await SerialLookups.BeginAsync(db, token))
                        result = await pipeline.ProcessAsync(mailbox, owner, org, prepared.Parsed, rows, token);
                    b["pipeline_s"] = Lap(clock, "pipeline");

                    ef.Phase = "save";
                    mailbox.IncomingSyncState = batch.NextState;
                    mailbox.IncomingSyncStateKey = key;
                    b["rows_inserted"] = rows.Emails.Count + rows.Parties.Count + rows.Attachments.Count + rows.QueueItems.Count;
                    await using (var tx = await RefetchableTransaction.BeginAsync(db, token))
                    {
                        await rows.InsertAsync(db, token);
                        await db.SaveChangesAsync(token);
                        await tx.CommitAsync(token);
                    }
                    b["save_s"] = Lap(clock, "save");
                    b["messages"] = batch.Messages.Count;
                    b["created"] = result.Created;
                    batches.Add(b);
                    created += result.Created;
                    processed += result.Processed;
                    ef.Phase = "fetch";
                });
                await connector.FetchAsync(endpoint, mailbox.IncomingSyncState, receivedAfter, new FetchLimits(BatchSize, PerCycle), handler, CancellationToken.None);
                var sessionEnd = Lap(clock, "fetch"); // the session's LOGOUT, or the whole session when nothing was new
                if (index == 0) emptySessions.Add(sessionEnd);
                ef.Phase = "cycle_overhead";
                overhead.Restart();
                lastCpu = Cpu();
                mailbox.ProcessedTimes++;
                await db.SaveChangesAsync();
                Lap(overhead, "cycle_overhead");
                if (processed == 0) more = false;
            }
            var seconds = total.Elapsed.TotalSeconds;
            var cpuTotal = Cpu() - cpuStart;
            // A cycle that finds nothing new (the last one) is the cost of one connector session alone:
            // connect, STARTTLS, LOGIN, EXAMINE, UIDNEXT check, LOGOUT.
            var empty = emptySessions;
            var stored = await setup.CountAsync("emails", $"_receivingmailboxid_value eq {mailboxId}");
            Log.Line($"  {created} created ({stored} stored) in {seconds:F1} s = {created / seconds:F0} msg/s; " +
                     string.Join(", ", phase.Select(p => $"{p.Key} {p.Value:F1} s")) + $"; EF commands: {ef.Summary()}");
            return new JsonObject
            {
                ["store"] = store, ["seconds"] = Math.Round(seconds, 3), ["created"] = created, ["stored"] = stored,
                ["msg_per_s"] = Math.Round(created / seconds, 1),
                ["parse_overlapped_s"] = Math.Round(parseSeconds, 3),
                ["phase_s"] = new JsonObject(phase.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Math.Round(p.Value, 3)))),
                ["phase_cpu_s"] = new JsonObject(cpu.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Math.Round(p.Value, 3)))),
                ["process_cpu_s"] = Math.Round(cpuTotal, 3),
                ["empty_fetch_s"] = empty.Count > 0 ? Math.Round(empty.Average(), 4) : null,
                ["db_commands"] = ef.Json(),
                ["batches"] = batches,
            };
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static double Cpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    public static void Write(ResultFile file, JsonObject profiles)
    {
        file.Heading("Profile: fetch vs pipeline vs save (one instrumented import per store, scheduler off)");
        file.Para("The bench drives the engine's own classes the way `MailboxCycle` does (one connector `FetchAsync` session per cycle handing batches of 200 to the store step " +
                  "while it downloads the next → `IncomingPipeline.ProcessAsync` → the batch's rows through `RowInserter` + sync state in one transaction; a new scope/DbContext " +
                  "every 1,000 messages), with a stopwatch per phase and EF Core's `CommandExecuted` diagnostic events for database time (RowInserter's own commands bypass EF Core " +
                  "and are not counted there). `fetch` is the time spent waiting for the next batch (its download overlaps the store of the previous one). " +
                  "`parse` is the engine's own prepare step (`IncomingPipeline.Parse`, all cores), which the connector runs right after each download, " +
                  "so it overlaps the previous batch's pipeline and save; its wall time is listed but is not part of the total (what is not hidden shows in `fetch`). " +
                  "`pipeline` is the rest of the pipeline (duplicates, correlation, resolution, rows). No backoff or scheduler waits here.");
        var rows = new List<string[]>();
        foreach (var (store, node) in profiles)
        {
            var p = node!.AsObject();
            var ph = p["phase_s"]!.AsObject();
            double V(string k) => ph[k]!.GetValue<double>();
            var db = p["db_commands"]!.AsObject();
            double Db(string k) => db[k]?["ms"]?.GetValue<double>() / 1000 ?? 0;
            int N(string k) => db[k]?["count"]?.GetValue<int>() ?? 0;
            var cpu = p["phase_cpu_s"]!.AsObject();
            double C(string k) => cpu[k]!.GetValue<double>();
            var total = p["seconds"]!.GetValue<double>();
            string Both(double wall, double c) => $"{Stats.F(wall, 1)} ({Stats.F(c, 1)})";
            rows.Add([Stores.Label(store), Both(total, p["process_cpu_s"]!.GetValue<double>()), Stats.F(p["created"]!.GetValue<int>() / total, 0),
                Both(V("fetch"), C("fetch")), Stats.F(p["empty_fetch_s"]?.GetValue<double>() * 1000 ?? double.NaN, 0),
                Stats.F(p["parse_overlapped_s"]!.GetValue<double>(), 1), Both(V("pipeline"), C("pipeline")), Stats.F(Db("pipeline"), 1) + $" ({N("pipeline")} cmds)",
                Both(V("save"), C("save")), Stats.F(Db("save"), 1) + $" ({N("save")} cmds)", Stats.F(V("cycle_overhead"), 2)]);
        }
        file.Table(["store", "total s (CPU s)", "msg/s", "fetch s (CPU s)", "one empty fetch = session only, ms", "parse s (overlapped)", "pipeline s (CPU s)", "of which in DB commands s",
            "save s (CPU s)", "of which in DB commands s", "cycle setup s"], rows);
        file.Para("CPU = the bench process's CPU time during the phase (the server's own background threads included; the scheduler is off, so there is little else). " +
                  "`of which in DB commands` sums EF Core's CommandExecuted durations (in `save` that is only the mailbox's sync-state UPDATE); the rest of `save` is the rows' INSERTs and the COMMIT.");

        var growth = new List<string[]>();
        foreach (var (store, node) in profiles)
        {
            var batches = node!["batches"]!.AsArray().Select(b => b!.AsObject()).Where(b => b["messages"]!.GetValue<int>() > 0).ToList();
            for (var index = 1; index <= 5; index++)
            {
                var at = batches.Where(b => b["batch"]!.GetValue<int>() == index).ToList();
                if (at.Count == 0) continue;
                double Med(string k) => Stats.Median(at.Select(b => b[k]!.GetValue<double>() * 1000));
                growth.Add([Stores.Label(store), index.ToString(), at.Count.ToString(), Stats.F(Med("fetch_s"), 0), Stats.F(Med("parse_s"), 0), Stats.F(Med("pipeline_s"), 0),
                    Stats.F(Med("save_s"), 0), Stats.F(Stats.Median(at.Select(b => (double)b["rows_inserted"]!.GetValue<int>())), 0)]);
            }
        }
        file.Para("Per batch position inside a cycle (medians over the cycles, ms).");
        file.Table(["store", "batch # in cycle", "n", "fetch ms", "parse ms (overlapped)", "pipeline ms", "save ms", "rows inserted"], growth);
    }
}

/// <summary>Sums EF Core's CommandExecuted events (count, duration) per phase the bench sets.</summary>
public sealed class EfCommandStats : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable _all;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Dictionary<string, (int Count, double Ms)> _byPhase = [];
    private readonly Dictionary<string, (int Count, double Ms)> _byKind = [];
    private readonly object _lock = new();

    public EfCommandStats() => _all = DiagnosticListener.AllListeners.Subscribe(this);

    public string Phase { get; set; } = "other";

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (_lock) _subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Value is not CommandExecutedEventData data) return;
        var ms = data.Duration.TotalMilliseconds;
        var text = data.Command.CommandText.TrimStart();
        var kind = text.Split([' ', '\n', '\r', '\t'], 2)[0].ToUpperInvariant();
        if (kind is "INSERT" or "UPDATE" or "DELETE")
        {
            // INSERT INTO "t" / DELETE FROM "t" / UPDATE "t"
            var words = text.Split([' ', '\n', '\r', '\t'], 4, StringSplitOptions.RemoveEmptyEntries);
            var table = kind == "UPDATE" ? words.ElementAtOrDefault(1) : words.ElementAtOrDefault(2);
            kind += " " + table?.Trim('"');
        }
        else if (kind == "SELECT")
        {
            // Which query: its table and the start of its condition (e.g. SELECT email WHERE e.environmentid = @env AND e.messageiddupcheck IN …).
            var from = System.Text.RegularExpressions.Regex.Match(text, @"FROM\s+(\S+)").Groups[1].Value.Trim('"');
            var where = System.Text.RegularExpressions.Regex.Match(text, @"WHERE\s+([^\n]{0,90})").Groups[1].Value;
            kind += $" {from} WHERE {where}";
        }
        lock (_lock)
        {
            var p = _byPhase.GetValueOrDefault(Phase);
            _byPhase[Phase] = (p.Count + 1, p.Ms + ms);
            var k = _byKind.GetValueOrDefault($"{Phase}: {kind}");
            _byKind[$"{Phase}: {kind}"] = (k.Count + 1, k.Ms + ms);
        }
    }

    public string Summary()
    {
        lock (_lock) return string.Join(", ", _byPhase.Select(p => $"{p.Key} {p.Value.Count} in {p.Value.Ms / 1000:F1} s"));
    }

    public JsonObject Json()
    {
        lock (_lock)
        {
            var json = new JsonObject();
            foreach (var (phase, v) in _byPhase) json[phase] = new JsonObject { ["count"] = v.Count, ["ms"] = Math.Round(v.Ms, 1) };
            json["by_kind"] = new JsonObject(_byKind.OrderByDescending(k => k.Value.Ms)
                .Select(k => KeyValuePair.Create(k.Key, (JsonNode?)new JsonObject { ["count"] = k.Value.Count, ["ms"] = Math.Round(k.Value.Ms, 1) })));
            return json;
        }
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }

    public void Dispose()
    {
        _all.Dispose();
        lock (_lock) foreach (var s in _subscriptions) s.Dispose();
    }
}
