namespace ServerSync.Connectors.Abstractions;

/// <summary>
/// Where and how to reach one mail server for one mailbox: resolved by the engine from the profile
/// (locations, ports, TLS) and the credentials (profile or mailbox), so connectors never read the store.
/// </summary>
public sealed record MailServerEndpoint
{
    public required string Host { get; init; }
    public required int Port { get; init; }

    /// <summary>
    /// True: TLS is required (implicit TLS on the well-known TLS ports 993/995/465, STARTTLS elsewhere;
    /// a server without STARTTLS is refused). False: plain text, allowed only when the deployment
    /// setting AllowNonSSLEmail is on — the engine checks that before it builds the endpoint.
    /// </summary>
    public required bool UseTls { get; init; }

    public string? UserName { get; init; }
    public string? Password { get; init; }

    /// <summary>Per-connection timeout (profile timeoutmailboxconnectionafteramount, at most 100 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    public override string ToString() => $"{Host}:{Port}{(UseTls ? " (TLS)" : " (plain)")} as {UserName}";
}
