namespace ServerSync.Connectors.Abstractions;

/// <summary>How much one <see cref="IIncomingConnector.FetchAsync"/> call reads: messages per batch, and in all.</summary>
public sealed record FetchLimits(int BatchSize, int MaxMessages)
{
    public int BatchSize { get; } = BatchSize > 0 ? BatchSize : throw new ArgumentOutOfRangeException(nameof(BatchSize));
    public int MaxMessages { get; } = MaxMessages > 0 ? MaxMessages : throw new ArgumentOutOfRangeException(nameof(MaxMessages));
}
