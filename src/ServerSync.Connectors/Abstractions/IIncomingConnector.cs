namespace ServerSync.Connectors.Abstractions;

/// <summary>Reads new mail from a mailbox's Inbox (IMAP or POP3; later Graph and EWS).</summary>
public interface IIncomingConnector
{
    /// <summary>Logs in and opens the Inbox; throws <see cref="MailServerException"/> classified for Test &amp; Enable.</summary>
    Task TestAsync(MailServerEndpoint endpoint, CancellationToken ct);

    /// <summary>
    /// Reads the messages after <paramref name="state"/> (null: first sync, limited to mail received after
    /// <paramref name="receivedAfter"/> when given) in one session, in batches of at most
    /// <see cref="FetchLimits.BatchSize"/>, and hands each batch to <paramref name="handler"/>: prepared as soon
    /// as it is downloaded, then stored (persisted with its <see cref="FetchBatch.NextState"/>). The next batch
    /// is downloaded and prepared while the previous one is stored. Stops after
    /// <see cref="FetchLimits.MaxMessages"/> and returns true when mail is left. <paramref name="state"/> is the
    /// opaque string a previous batch returned; the connector detects a changed UIDVALIDITY itself and starts
    /// over from <paramref name="receivedAfter"/>. Mail server failures leave as <see cref="MailServerException"/>;
    /// whatever the handler throws leaves unchanged.
    /// </summary>
    Task<bool> FetchAsync<TPrepared>(MailServerEndpoint endpoint, string? state, DateTimeOffset? receivedAfter, FetchLimits limits,
        BatchHandler<TPrepared> handler, CancellationToken ct);

    /// <summary>
    /// Waits until the Inbox holds mail that <paramref name="state"/> (the sync state the last fetch stored) has not
    /// seen, or <paramref name="maxWait"/> passes (IMAP IDLE): mail that arrived after that fetch but before the wait
    /// began returns true at once. Returns false at once when the server can't push (POP3, no IDLE capability).
    /// </summary>
    Task<bool> WaitForNewMailAsync(MailServerEndpoint endpoint, string? state, TimeSpan maxWait, CancellationToken ct);
}
