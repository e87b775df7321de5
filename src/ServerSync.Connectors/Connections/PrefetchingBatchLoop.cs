using ServerSync.Connectors.Abstractions;

namespace ServerSync.Connectors.Connections;

/// <summary>
/// Downloads batch i+1 while the caller stores batch i, so the mail server and the store work at the same
/// time. Only one download runs at once: a MailKit client serves one command at a time. Downloads run on the
/// thread pool, so a caller on a single-threaded scheduler (an Orleans grain) still overlaps the two.
/// </summary>
internal static class PrefetchingBatchLoop
{
    public static async Task RunAsync(int batches, Func<int, CancellationToken, Task<FetchBatch>> download,
        Func<FetchBatch, CancellationToken, Task> store, CancellationToken ct)
    {
        if (batches == 0) return;
        using var downloads = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<FetchBatch>? next = Task.Run(() => download(0, downloads.Token), CancellationToken.None);
        for (var i = 0; i < batches; i++)
        {
            var batch = await next!;
            var index = i + 1;
            next = index < batches ? Task.Run(() => download(index, downloads.Token), CancellationToken.None) : null;
            try
            {
                await store(batch, ct);
            }
            catch (Exception error)
            {
                if (next is not null)
                {
                    // The session is given up; the batch in flight is not needed and its failure says nothing new.
                    await downloads.CancelAsync();
                    await next.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }

                throw new BatchStoreException(error);
            }
        }
    }
}
