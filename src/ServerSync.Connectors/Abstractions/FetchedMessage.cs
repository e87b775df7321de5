namespace ServerSync.Connectors.Abstractions;

/// <summary>One message as the server holds it: raw MIME plus the server's own id and receipt time.</summary>
/// <param name="ServerId">IMAP "uidvalidity:uid", POP3 UIDL: stable for that mailbox on that server.</param>
/// <param name="Mime">The raw RFC 5322 bytes, untouched.</param>
/// <param name="ReceivedOn">IMAP INTERNALDATE; POP3 has none (null: the pipeline uses the Date header).</param>
public sealed record FetchedMessage(string ServerId, ReadOnlyMemory<byte> Mime, DateTimeOffset? ReceivedOn);
