using ServerSync.Connectors.Abstractions;

namespace ServerSync.Connectors.Connections;

/// <summary>Calls the caller's <see cref="BatchHandler{TPrepared}"/> so that whatever it throws is told apart from mail server failures.</summary>
internal static class BatchHandling
{
    public static TPrepared Prepare<TPrepared>(BatchHandler<TPrepared> handler, FetchBatch batch, CancellationToken ct)
    {
        try
        {
            return handler.Prepare(batch, ct);
        }
        catch (Exception error) when (!ct.IsCancellationRequested)
        {
            throw new BatchHandlerException(error);
        }
    }

    public static async Task StoreAsync<TPrepared>(BatchHandler<TPrepared> handler, FetchBatch batch, TPrepared prepared, CancellationToken ct)
    {
        try
        {
            await handler.Store(batch, prepared, ct);
        }
        catch (Exception error)
        {
            throw new BatchHandlerException(error);
        }
    }

    /// <summary>Prepares and stores a batch at once (one without messages: only a new sync state).</summary>
    public static Task HandleAsync<TPrepared>(BatchHandler<TPrepared> handler, FetchBatch batch, CancellationToken ct) =>
        StoreAsync(handler, batch, Prepare(handler, batch, ct), ct);
}
