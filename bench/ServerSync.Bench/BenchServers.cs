using System.Net;
using System.Net.Sockets;
using ServerSync.Testing;

namespace ServerSync.Bench;

/// <summary>
/// The real server in-process (ServerSync.Testing's fixtures: WebApplicationFactory on a fresh SQLite file or a fresh
/// PostgreSQL database) with the sync engine tuned like tests/ServerSync.Engine.Tests/EngineServers.cs: the scheduler
/// looks every second, short backoffs, the mail stack's CA trusted, free Orleans ports.
/// </summary>
public static class BenchSettings
{
    /// <param name="longBackoff">
    /// idle-cycle only: a mailbox that found no mail is not due again for 20 minutes, so a measured pass is exactly one
    /// cycle per mailbox (with the tests' 2–3 s, 1,000 mailboxes would cycle continuously and never finish a clean pass).
    /// </param>
    /// <summary>--setting KEY=VALUE overrides (e.g. ServerSync:IncomingMaximumEmailsPerCycle=10000), applied last.</summary>
    public static List<(string, string)> Overrides { get; } = [];

    public static IEnumerable<(string, string)> Engine(bool engineEnabled = true, bool longBackoff = false) => Defaults(engineEnabled, longBackoff).Concat(Overrides);

    private static IEnumerable<(string, string)> Defaults(bool engineEnabled, bool longBackoff) =>
    [
        ("ServerSync:EngineEnabled", engineEnabled ? "true" : "false"),
        ("ServerSync:SchedulerIntervalSeconds", "1"),
        ("ServerSync:ActiveMailboxMinimumBackoff", longBackoff ? "600" : "1"),
        ("ServerSync:ActiveMailboxMaximumBackoff", longBackoff ? "1200" : "2"),
        ("ServerSync:IdleMailboxMinimumBackoff", longBackoff ? "1200" : "2"),
        ("ServerSync:IdleMailboxMaximumBackoff", longBackoff ? "3600" : "3"),
        ("ServerSync:MailboxBackoffOnTransientError", "1"),
        ("ServerSync:MailboxBackoffOnTimeout", "1"),
        ("ServerSync:MaxMailboxTransientFailures", "3"),
        ("ServerSync:TrustedCaFile", MailStack.Current.TlsCertificate),
        ("ServerSync:Cluster:SiloPort", FreePort().ToString()),
        ("ServerSync:Cluster:GatewayPort", FreePort().ToString()),
        // The server's own log lines stay on the console, warnings and errors only (the bench prints its own progress).
        ("Logging:LogLevel:Default", "Warning"),
        // The console layout ConsoleTap reads: level and category on one line, the message indented below, no scopes.
        ("Logging:Console:FormatterOptions:SingleLine", "false"),
        ("Logging:Console:FormatterOptions:IncludeScopes", "false"),
        ("Logging:LogLevel:Microsoft.AspNetCore", "Warning"),
        ("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning"),
        ("Logging:LogLevel:Orleans", "Warning"),
        // Startup noise: the failing migration-history probe of a fresh database (a real DB failure in a cycle still
        // shows as the engine's own warning), the unencrypted Data Protection key notice.
        ("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "None"),
        ("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error"),
    ];

    /// <summary>The settings that matter for reading the numbers, as written to the result files.</summary>
    public static Dictionary<string, string> Describe(bool longBackoff = false)
    {
        var d = new Dictionary<string, string>();
        foreach (var (k, v) in Engine(longBackoff: longBackoff).Where(s => s.Item1.StartsWith("ServerSync:") && !s.Item1.Contains("Port") && !s.Item1.Contains("TrustedCa")))
            d[k["ServerSync:".Length..]] = v;
        return d;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class SqliteBenchServer(bool engineEnabled = true) : SqliteServer
{
    protected override IEnumerable<(string Key, string Value)> Settings() => BenchSettings.Engine(engineEnabled);
}

public sealed class PostgresBenchServer(bool engineEnabled = true) : PostgresServer
{
    protected override IEnumerable<(string Key, string Value)> Settings() => BenchSettings.Engine(engineEnabled);
}

public static class Stores
{
    public static ServerFixture Create(string store, bool engineEnabled = true) => store switch
    {
        "sqlite" => new SqliteBenchServer(engineEnabled),
        "postgres" => new PostgresBenchServer(engineEnabled),
        _ => throw new ArgumentException($"unknown store '{store}' (sqlite or postgres)"),
    };

    public static string Label(string store) => store == "sqlite" ? "SQLite" : "PostgreSQL";
}

/// <summary>
/// A store that outlives one server: the idle-cycle scenario stops its first server and starts a second one on the same
/// database and Data Protection keys (the data directory), so every mailbox can be made due at the same moment.
/// </summary>
public sealed class PersistentStore : IAsyncDisposable
{
    private readonly string? _pgDatabase;

    private PersistentStore(string store, string dataDirectory, string connectionString, string? pgDatabase)
    {
        Store = store;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        _pgDatabase = pgDatabase;
    }

    public string Store { get; }
    public string DataDirectory { get; }
    public string ConnectionString { get; }

    public static async Task<PersistentStore> CreateAsync(string store)
    {
        var dir = Directory.CreateTempSubdirectory("serversync-bench-store-").FullName;
        if (store == "sqlite") return new PersistentStore(store, dir, $"Data Source={Path.Combine(dir, "serversync.db")}", null);
        var server = Environment.GetEnvironmentVariable("SERVERSYNC_TEST_PG")!;
        var database = $"serversync_bench_{Guid.NewGuid():N}";
        await using var connection = new Npgsql.NpgsqlConnection(server);
        await connection.OpenAsync();
        await using (var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", connection)) await create.ExecuteNonQueryAsync();
        return new PersistentStore(store, dir, new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString, database);
    }

    public ServerFixture Server(IEnumerable<(string, string)> settings) => new SharedStoreServer(this, settings);

    /// <summary>Between two servers: no pooled connection of the first may linger.</summary>
    public static void ClearPools()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        ClearPools();
        if (_pgDatabase is not null)
        {
            await using var connection = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable("SERVERSYNC_TEST_PG"));
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    private sealed class SharedStoreServer(PersistentStore store, IEnumerable<(string, string)> settings) : ServerFixture
    {
        protected override string Provider => store.Store == "sqlite" ? "Sqlite" : "Postgres";

        // Applied after the fixture's own settings, so the data directory (keys, SQLite file) is the shared one.
        protected override IEnumerable<(string Key, string Value)> Settings() => settings.Append(("ServerSync:DataDirectory", store.DataDirectory));

        protected override Task<string> CreateDatabaseAsync(string dataDirectory) => Task.FromResult(store.ConnectionString);
    }
}
