namespace ServerSync.Engine.Incoming;

/// <summary>A fetched batch after MIME parsing: the readable messages and how many were not.</summary>
public sealed record ParsedBatch(IReadOnlyList<ParsedMail> Mails, int Unreadable);
