namespace ServerSync.Connectors.Abstractions;

/// <summary>Reads new mail from a mailbox's Inbox (IMAP or POP3; later Graph and EWS).</summary>
public interface IIncomingConnector
{
    /// <summary>Logs in and opens the Inbox; throws <see cref="MailServerException"/> classified for Test &amp; Enable.</summary>
    Task TestAsync(MailServerEndpoint endpoint, CancellationToken ct);

    /// <summary>
    /// Messages after <paramref name="state"/> (null: first sync, limited to mail received after
    /// <paramref name="receivedAfter"/> when given), at most <paramref name="maxMessages"/>.
    /// <paramref name="state"/> is the opaque string a previous batch returned; the connector detects a
    /// changed UIDVALIDITY itself and starts over from <paramref name="receivedAfter"/>.
    /// </summary>
    Task<FetchBatch> FetchAsync(MailServerEndpoint endpoint, string? state, DateTimeOffset? receivedAfter, int maxMessages, CancellationToken ct);

    /// <summary>
    /// Waits until the server reports new mail in the Inbox or <paramref name="maxWait"/> passes (IMAP IDLE);
    /// returns false at once when the server can't push (POP3, no IDLE capability).
    /// </summary>
    Task<bool> WaitForNewMailAsync(MailServerEndpoint endpoint, TimeSpan maxWait, CancellationToken ct);
}
