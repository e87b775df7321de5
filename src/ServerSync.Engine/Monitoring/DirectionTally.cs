namespace ServerSync.Engine.Monitoring;

/// <summary>Running totals of one direction of one cycle: items, failure, and the delay of each incoming item.</summary>
public sealed class DirectionTally
{
    public int Processed { get; private set; }
    public int Failed { get; private set; }

    /// <summary>The direction stopped on a mail server error.</summary>
    public bool Errored { get; private set; }

    public int LatencyCount { get; private set; }
    public long LatencyTotalMs { get; private set; }
    public long LatencyMaxMs { get; private set; }

    /// <summary>Nothing happened: no item moved and no error (an idle cycle leaves no row).</summary>
    public bool IsEmpty => Processed == 0 && Failed == 0 && !Errored;

    public void AddItems(int processed, int failed)
    {
        Processed += processed;
        Failed += failed;
    }

    public void AddLatency(TimeSpan delay)
    {
        // A sender's clock ahead of ours (Date header fallback) would give a negative delay.
        var ms = Math.Max(0, (long)delay.TotalMilliseconds);
        LatencyCount++;
        LatencyTotalMs += ms;
        LatencyMaxMs = Math.Max(LatencyMaxMs, ms);
    }

    public void MarkErrored() => Errored = true;
}
