namespace ServerSync.AdminUi.Monitoring;

/// <summary>A window of the dashboard's history and how finely it is cut: the last 24 hours by hour, the last 7 days by 6 hours.</summary>
public sealed record HistoryRange(string Key, string Label, TimeSpan Length, TimeSpan Bucket)
{
    public static readonly HistoryRange Day = new("24h", "Last 24 hours", TimeSpan.FromHours(24), TimeSpan.FromHours(1));
    public static readonly HistoryRange Week = new("7d", "Last 7 days", TimeSpan.FromDays(7), TimeSpan.FromHours(6));
    public static readonly IReadOnlyList<HistoryRange> All = [Day, Week];

    public static HistoryRange Parse(string? key) => All.FirstOrDefault(r => r.Key == key) ?? Day;

    /// <summary>Empty buckets covering the window up to <paramref name="now"/>, aligned to whole buckets, oldest first.</summary>
    public List<HistoryBucket> Buckets(DateTimeOffset now)
    {
        var end = new DateTimeOffset(now.UtcTicks - now.UtcTicks % Bucket.Ticks, TimeSpan.Zero) + Bucket;
        var count = (int)(Length.Ticks / Bucket.Ticks);
        return Enumerable.Range(0, count).Select(i => end - Bucket * (count - i)).Select(start => new HistoryBucket(start, start + Bucket)).ToList();
    }

    /// <summary>The rows sorted into the window's buckets; rows outside it are left out.</summary>
    public List<HistoryBucket> Fill(IEnumerable<CycleRow> rows, DateTimeOffset now)
    {
        var buckets = Buckets(now);
        var first = buckets[0].Start;
        foreach (var row in rows)
        {
            var index = (int)((row.CompletedOn - first).Ticks / Bucket.Ticks);
            if (row.CompletedOn >= first && index < buckets.Count) buckets[index].Add(row);
        }
        return buckets;
    }
}
