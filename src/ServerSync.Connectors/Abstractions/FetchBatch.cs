namespace ServerSync.Connectors.Abstractions;

/// <summary>
/// New messages and the sync state to store once they are safely processed. The engine commits
/// <see cref="NextState"/> in the same transaction as the activities it created, so a crash replays the
/// batch instead of losing it; the pipeline's Message-ID check makes the replay harmless.
/// </summary>
public sealed record FetchBatch(IReadOnlyList<FetchedMessage> Messages, string NextState)
{
    /// <summary>
    /// Server ids of messages the server keeps listing but whose content it did not return however often it was asked:
    /// given up with this batch, so the engine names each in an alert; they stay on the server.
    /// </summary>
    public IReadOnlyList<string> Unavailable { get; init; } = [];
}
