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
    public static IEnumerable<(string, string)> Engine(bool engineEnabled = true) =>
    [
        ("ServerSync:EngineEnabled", engineEnabled ? "true" : "false"),
        ("ServerSync:SchedulerIntervalSeconds", "1"),
        ("ServerSync:ActiveMailboxMinimumBackoff", "1"),
        ("ServerSync:ActiveMailboxMaximumBackoff", "2"),
        ("ServerSync:IdleMailboxMinimumBackoff", "2"),
        ("ServerSync:IdleMailboxMaximumBackoff", "3"),
        ("ServerSync:MailboxBackoffOnTransientError", "1"),
        ("ServerSync:MailboxBackoffOnTimeout", "1"),
        ("ServerSync:MaxMailboxTransientFailures", "3"),
        ("ServerSync:TrustedCaFile", MailStack.Current.TlsCertificate),
        ("ServerSync:Cluster:SiloPort", FreePort().ToString()),
        ("ServerSync:Cluster:GatewayPort", FreePort().ToString()),
        // The server's own log lines stay on the console, warnings and errors only (the bench prints its own progress).
        ("Logging:LogLevel:Default", "Warning"),
        ("Logging:LogLevel:Microsoft.AspNetCore", "Warning"),
        ("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning"),
        ("Logging:LogLevel:Orleans", "Warning"),
    ];

    /// <summary>The settings that matter for reading the numbers, as written to the result files.</summary>
    public static Dictionary<string, string> Describe() => Engine()
        .Where(s => s.Item1.StartsWith("ServerSync:") && !s.Item1.Contains("Port") && !s.Item1.Contains("TrustedCa"))
        .ToDictionary(s => s.Item1["ServerSync:".Length..], s => s.Item2);

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
