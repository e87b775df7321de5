using ServerSync.Connectors.Abstractions;

namespace ServerSync.Connectors.Tests.Infrastructure;

/// <summary>Fetches batch after batch, as the engine does, until the connector reports nothing more.</summary>
internal static class IncomingSync
{
    public static async Task<SyncRun> ToEndAsync(IIncomingConnector connector, MailServerEndpoint endpoint, string? state,
        DateTimeOffset? receivedAfter = null, int batchSize = 500)
    {
        var batches = new List<FetchBatch>();
        // A generous bound: a connector that never stops reporting MoreAvailable fails the test instead of hanging it.
        for (var round = 0; round < 1000; round++)
        {
            var batch = await connector.FetchAsync(endpoint, state, receivedAfter, batchSize, CancellationToken.None);
            batches.Add(batch);
            state = batch.NextState;
            if (!batch.MoreAvailable)
            {
                return new SyncRun(batches.SelectMany(b => b.Messages).ToList(), state, batches);
            }
        }

        throw new InvalidOperationException("the connector still reported MoreAvailable after 1000 batches");
    }
}
