using MimeKit;

namespace ServerSync.Connectors.Abstractions;

/// <summary>Sends mail (SMTP; later Graph and EWS) and keeps the sender's Sent folder.</summary>
public interface IOutgoingConnector
{
    /// <summary>Connects and authenticates without sending; throws a classified <see cref="MailServerException"/>.</summary>
    Task TestAsync(MailServerEndpoint endpoint, CancellationToken ct);

    /// <summary>
    /// Sends the message as is (its Message-ID is kept). Returns when the server accepted it. <paramref name="beforeTransfer"/>
    /// runs once connected and signed in, just before the message is handed over: from then on the server may accept it.
    /// Its failure is passed through as is and nothing is sent.
    /// </summary>
    Task SendAsync(MailServerEndpoint endpoint, MimeMessage message, Func<CancellationToken, Task> beforeTransfer, CancellationToken ct);
}

/// <summary>The sender's Sent folder on the incoming server (IMAP).</summary>
public interface ISentFolder
{
    /// <summary>Whether a message with this Message-ID is already in the Sent folder (so a retry does not append twice).</summary>
    Task<bool> ContainsAsync(MailServerEndpoint endpoint, string messageId, CancellationToken ct);

    /// <summary>Appends the message to the folder with the \Sent special use (or named "Sent"), marked \Seen.</summary>
    Task AppendAsync(MailServerEndpoint endpoint, MimeMessage message, CancellationToken ct);
}
