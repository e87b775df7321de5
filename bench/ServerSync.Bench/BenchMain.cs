using ServerSync.Testing;

namespace ServerSync.Bench;

public sealed class BenchOptions
{
    public string Scenario { get; set; } = "";
    public List<string> Stores { get; set; } = ["sqlite", "postgres"];
    public int Runs { get; set; } = 3;
    public int Count { get; set; } = 10_000;
    public int Seed { get; set; } = 1;
    public int Mailboxes { get; set; } = 100;
    public int IdleMailboxes { get; set; } = 1000;
    public string IdleOwner { get; set; } = "queue";
    public double SpreadSeconds { get; set; } = 20;
    public bool Profile { get; set; } = true;
    public bool Warmup { get; set; } = true;
    public int EngineTimeoutSeconds { get; set; } = 600;
    public int Contacts { get; set; }
    public bool SmartMatching { get; set; }
    public string ResultsDirectory { get; set; } = Path.Combine(MailStack.RepositoryRoot(), "bench", "results");
}

/// <summary>
/// ServerSync's benchmarks. Use bench/run.sh, which starts PostgreSQL and the mail stack, builds this in Release and
/// writes bench/results/&lt;scenario&gt;.md and .json. Results go to files; nothing here asserts a time.
/// </summary>
public static class BenchMain
{
    private const string Usage = """
        usage: ServerSync.Bench import|latency|idle-cycle [options]
          --stores sqlite,postgres   stores to run the server on (default both)
          --runs N                   import: repetitions of each method (default 3)
          --count N --seed S         import: mailbox size and corpus seed (default 10000, 1)
          --no-profile               import: skip the instrumented fetch/pipeline/save breakdown
          --no-warmup                import: skip the unmeasured warm-up (JIT) before the measured runs
          --engine-timeout S         import: give up on one ServerSync import after S seconds (default 600)
          --contacts N               import: the measured environment holds N contacts (default 0)
          --smart-matching           import: the environments match mail by subject and addresses (default off)
          --mailboxes N              latency: mailboxes (default 100)   --spread S: delivery window in s (default 20)
          --idle-mailboxes N         idle-cycle: mailboxes (default 1000)
          --idle-owner queue|user    idle-cycle: whose mailboxes (default queue: no directory password to hash per mailbox)
          --results DIR              where <scenario>.md/.json go (default bench/results)
          --setting KEY=VALUE        an extra server setting for every server of the run (experiments), e.g.
                                     ServerSync:IncomingMaximumEmailsPerCycle=10000; listed in the results
        needs SERVERSYNC_TEST_MAILSTACK (and SERVERSYNC_TEST_PG for postgres), as bench/run.sh exports them.
        """;

    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try { options = Parse(args); }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}\n{Usage}");
            return 2;
        }
        if (Environment.GetEnvironmentVariable("SERVERSYNC_TEST_MAILSTACK") is null
            || (options.Stores.Contains("postgres") && Environment.GetEnvironmentVariable("SERVERSYNC_TEST_PG") is null))
        {
            Console.Error.WriteLine("error: SERVERSYNC_TEST_MAILSTACK / SERVERSYNC_TEST_PG are not set: run through bench/run.sh");
            return 2;
        }
        ConsoleTap.Install();
        _ = Machine.LoadAtStart; // read now, before the bench adds its own load
        // WebApplicationFactory finds the server's content root through MvcTestingAppManifest.json in the working directory.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        Log.Line($"scenario {options.Scenario} on {string.Join(", ", options.Stores)}; the server runs in-process (WebApplicationFactory), sync engine on");
        switch (options.Scenario)
        {
            case "import": await new ImportBench(options).RunAsync(); break;
            case "latency": await new LatencyBench(options).RunAsync(); break;
            case "idle-cycle": await new IdleCycleBench(options).RunAsync(); break;
        }
        return 0;
    }

    private static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("import" or "latency" or "idle-cycle")) throw new ArgumentException("name a scenario");
        var o = new BenchOptions { Scenario = args[0] };
        for (var i = 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.TryParse(Next(), out var v) && v > 0 ? v : throw new ArgumentException($"{args[i - 1]} needs a positive number");
            switch (args[i])
            {
                case "--stores":
                    o.Stores = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                    if (o.Stores.Count == 0 || o.Stores.Any(s => s is not ("sqlite" or "postgres"))) throw new ArgumentException("--stores takes sqlite and/or postgres");
                    break;
                case "--runs": o.Runs = Int(); break;
                case "--count": o.Count = Int(); break;
                case "--seed": o.Seed = Int(); break;
                case "--mailboxes": o.Mailboxes = Int(); break;
                case "--idle-mailboxes": o.IdleMailboxes = Int(); break;
                case "--idle-owner":
                    o.IdleOwner = Next();
                    if (o.IdleOwner is not ("queue" or "user")) throw new ArgumentException("--idle-owner takes queue or user");
                    break;
                case "--spread": o.SpreadSeconds = Int(); break;
                case "--no-profile": o.Profile = false; break;
                case "--no-warmup": o.Warmup = false; break;
                case "--engine-timeout": o.EngineTimeoutSeconds = Int(); break;
                case "--contacts": o.Contacts = Int(); break;
                case "--smart-matching": o.SmartMatching = true; break;
                case "--results": o.ResultsDirectory = Path.GetFullPath(Next()); break;
                case "--setting":
                    var kv = Next().Split('=', 2);
                    if (kv.Length != 2 || kv[0].Length == 0) throw new ArgumentException("--setting takes KEY=VALUE");
                    BenchSettings.Overrides.Add((kv[0], kv[1]));
                    break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        return o;
    }
}
