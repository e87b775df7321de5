namespace ServerSync.Connectors.Abstractions;

/// <summary>How much one <see cref="IIncomingConnector.FetchAsync"/> call reads: messages per batch, and in all.</summary>
public sealed record FetchLimits(int BatchSize, int MaxMessages)
{
    public int BatchSize { get; } = BatchSize > 0 ? BatchSize : throw new ArgumentOutOfRangeException(nameof(BatchSize));
    public int MaxMessages { get; } = MaxMessages > 0 ? MaxMessages : throw new ArgumentOutOfRangeException(nameof(MaxMessages));

    /// <summary>
    /// Splits a session's messages (at most <see cref="MaxMessages"/>) into batches of at most <see cref="BatchSize"/>, the first
    /// one an eighth of that: its download is the only one no store overlaps, so a short first batch gets the store going sooner.
    /// </summary>
    public List<T[]> Batches<T>(IEnumerable<T> items)
    {
        var wanted = items.Take(MaxMessages).ToList();
        var first = Math.Max(1, BatchSize / 8);
        if (wanted.Count <= first) return wanted.Count == 0 ? [] : [wanted.ToArray()];
        return [wanted.Take(first).ToArray(), .. wanted.Skip(first).Chunk(BatchSize)];
    }
}
