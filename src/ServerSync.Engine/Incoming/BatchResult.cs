namespace ServerSync.Engine.Incoming;

/// <summary>
/// What one batch did: activities created, messages already tracked, filtered out, and unreadable; and when the mail
/// server received each readable message (IMAP INTERNALDATE, else the Date header), for the sync latency.
/// </summary>
public sealed record BatchResult(int Created, int AlreadyTracked, int Filtered, int Failed, IReadOnlyList<DateTimeOffset> ServerReceipts)
{
    public int Processed => Created + AlreadyTracked + Filtered;
}
