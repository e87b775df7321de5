using ServerSync.Connectors.Abstractions;

namespace ServerSync.Connectors.Tests.Infrastructure;

/// <summary>What a run of batches returned: every message in order and the state to resume from.</summary>
internal sealed record SyncRun(IReadOnlyList<FetchedMessage> Messages, string State, IReadOnlyList<FetchBatch> Batches);
