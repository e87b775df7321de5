namespace ServerSync.Connectors.Abstractions;

/// <summary>
/// What the engine does with each downloaded batch. <see cref="Prepare"/> runs on the thread pool as soon as a
/// batch is downloaded, while the batch before it is still being stored: CPU work such as MIME parsing leaves
/// the store path. <see cref="Store"/> persists the batch with its <see cref="FetchBatch.NextState"/> and returns
/// only once that is durable. Batches are stored one at a time, in server order.
/// </summary>
public sealed record BatchHandler<TPrepared>(
    Func<FetchBatch, CancellationToken, TPrepared> Prepare,
    Func<FetchBatch, TPrepared, CancellationToken, Task> Store);
