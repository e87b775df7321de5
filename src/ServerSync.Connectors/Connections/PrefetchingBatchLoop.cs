using ServerSync.Connectors.Abstractions;

namespace ServerSync.Connectors.Connections;

/// <summary>
/// Downloads and prepares batch i+1 while the caller stores batch i, so the mail server, the CPU work of
/// preparing (MIME parsing) and the store run at the same time. Only one download runs at once: a MailKit
/// client serves one command at a time. Downloads run on the thread pool, so a caller on a single-threaded
/// scheduler (an Orleans grain) still overlaps them with its store.
/// </summary>
internal static class PrefetchingBatchLoop
{
    public static async Task RunAsync<TPrepared>(int batches, Func<int, CancellationToken, Task<FetchBatch>> download,
        BatchHandler<TPrepared> handler, CancellationToken ct)
    {
        if (batches == 0) return;
        using var downloads = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<(FetchBatch, TPrepared)> Next(int index) => Task.Run(async () =>
        {
            var batch = await download(index, downloads.Token);
            return (batch, BatchHandling.Prepare(handler, batch, downloads.Token));
        }, CancellationToken.None);

        Task<(FetchBatch, TPrepared)>? next = Next(0);
        for (var i = 0; i < batches; i++)
        {
            var (batch, prepared) = await next!;
            next = i + 1 < batches ? Next(i + 1) : null;
            try
            {
                await BatchHandling.StoreAsync(handler, batch, prepared, ct);
            }
            catch when (next is not null)
            {
                // The session is given up; the batch in flight is not needed and its failure says nothing new.
                await downloads.CancelAsync();
                await next.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                throw;
            }
        }
    }
}
