namespace ServerSync.AdminUi.Monitoring;

/// <summary>The cycles completed in one time bucket: items in and out, failures, latency, and the mailboxes behind them.</summary>
public sealed class HistoryBucket(DateTimeOffset start, DateTimeOffset end)
{
    public DateTimeOffset Start { get; } = start;
    public DateTimeOffset End { get; } = end;
    public int Incoming { get; private set; }
    public int Outgoing { get; private set; }
    public int Failed { get; private set; }
    public int LatencyCount { get; private set; }
    public long LatencyTotalMs { get; private set; }
    public long LatencyMaxMs { get; private set; }

    /// <summary>Items (processed and failed, both directions) per mailbox.</summary>
    public Dictionary<Guid, int> ItemsByMailbox { get; } = [];

    /// <summary>Exact: the rows keep the sum and count of latencies, not per-cycle averages.</summary>
    public double? AverageLatencySeconds => LatencyCount == 0 ? null : LatencyTotalMs / 1000.0 / LatencyCount;

    public double? MaxLatencySeconds => LatencyCount == 0 ? null : LatencyMaxMs / 1000.0;

    public int Items => Incoming + Outgoing + Failed;

    public void Add(CycleRow row)
    {
        if (row.Incoming) Incoming += row.Processed;
        else Outgoing += row.Processed;
        Failed += row.Failed;
        LatencyCount += row.LatencyCount;
        LatencyTotalMs += row.LatencyTotalMs;
        LatencyMaxMs = Math.Max(LatencyMaxMs, row.LatencyMaxMs);
        if (row.Processed + row.Failed > 0) ItemsByMailbox[row.MailboxId] = ItemsByMailbox.GetValueOrDefault(row.MailboxId) + row.Processed + row.Failed;
    }
}
