using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>
/// The server with its sync engine running, tuned for tests: the scheduler looks every second, mailboxes are
/// looked at again within seconds, three transient failures disable, and the mail stack's CA is trusted.
/// </summary>
internal static class EngineSettings
{
    public static IEnumerable<(string, string)> All() =>
    [
        ("ServerSync:EngineEnabled", "true"),
        ("ServerSync:SchedulerIntervalSeconds", "1"),
        ("ServerSync:ActiveMailboxMinimumBackoff", "1"),
        ("ServerSync:ActiveMailboxMaximumBackoff", "2"),
        ("ServerSync:IdleMailboxMinimumBackoff", "2"),
        ("ServerSync:IdleMailboxMaximumBackoff", "3"),
        ("ServerSync:MailboxBackoffOnTransientError", "1"),
        ("ServerSync:MailboxBackoffOnTimeout", "1"),
        ("ServerSync:MaxMailboxTransientFailures", "3"),
        ("ServerSync:TrustedCaFile", MailStack.Current.TlsCertificate),
        ("ServerSync:Cluster:SiloPort", ServerProcess.FreePort().ToString()),
        ("ServerSync:Cluster:GatewayPort", ServerProcess.FreePort().ToString()),
    ];
}

public sealed class SqliteEngineServer : SqliteServer
{
    protected override IEnumerable<(string Key, string Value)> Settings() => EngineSettings.All();
}

public sealed class PostgresEngineServer : PostgresServer
{
    protected override IEnumerable<(string Key, string Value)> Settings() => EngineSettings.All();
}

/// <summary>The server without its engine (no scheduler, no grains) that trusts the mail stack: tests drive the engine's classes themselves.</summary>
public sealed class PostgresServerWithoutEngine : PostgresServer
{
    protected override IEnumerable<(string Key, string Value)> Settings() =>
        [("ServerSync:EngineEnabled", "false"), ("ServerSync:TrustedCaFile", MailStack.Current.TlsCertificate)];
}
