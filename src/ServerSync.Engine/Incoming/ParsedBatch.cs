namespace ServerSync.Engine.Incoming;

/// <summary>A fetched batch after MIME parsing: the readable messages, and the ones that were not with the reason.</summary>
public sealed record ParsedBatch(IReadOnlyList<ParsedMail> Mails, IReadOnlyList<UnreadableMail> Unreadable);

/// <summary>A fetched message that could not be read as MIME: its connector id (IMAP "uidvalidity:uid", POP3 UIDL).</summary>
public sealed record UnreadableMail(string ServerId, string Reason);
