using ServerSync.Connectors.Abstractions;

namespace ServerSync.Connectors.Tests.Infrastructure;

/// <summary>Drives a connector as the engine does: every batch handed over is "stored" (kept), and its state resumes the next call.</summary>
internal static class IncomingSync
{
    /// <summary>One FetchAsync call: the batches it handed over and whether it reported mail left.</summary>
    public static async Task<(List<FetchBatch> Batches, bool More)> OnceAsync(IIncomingConnector connector, MailServerEndpoint endpoint, string? state,
        FetchLimits limits, DateTimeOffset? receivedAfter = null)
    {
        var batches = new List<FetchBatch>();
        var more = await connector.FetchAsync(endpoint, state, receivedAfter, limits, Keeping(batch => batches.Add(batch)), CancellationToken.None);
        return (batches, more);
    }

    /// <summary>A handler that prepares nothing and "stores" a batch by passing it to <paramref name="store"/>.</summary>
    public static BatchHandler<bool> Keeping(Action<FetchBatch> store) => new((_, _) => true, (batch, _, _) =>
    {
        store(batch);
        return Task.CompletedTask;
    });

    /// <summary>Calls FetchAsync until it reports nothing left.</summary>
    public static async Task<SyncRun> ToEndAsync(IIncomingConnector connector, MailServerEndpoint endpoint, string? state,
        DateTimeOffset? receivedAfter = null, int batchSize = 500)
    {
        var batches = new List<FetchBatch>();
        // A generous bound: a connector that always reports mail left fails the test instead of hanging it.
        for (var round = 0; round < 1000; round++)
        {
            var (handed, more) = await OnceAsync(connector, endpoint, state, new FetchLimits(batchSize, batchSize * 4), receivedAfter);
            batches.AddRange(handed);
            state = handed.Count > 0 ? handed[^1].NextState : state;
            if (!more)
            {
                return new SyncRun(batches.SelectMany(b => b.Messages).ToList(),
                    state ?? throw new InvalidOperationException("the connector never handed over a state"), batches);
            }
        }

        throw new InvalidOperationException("the connector still reported mail left after 1000 calls");
    }
}
