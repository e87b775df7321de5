using Microsoft.EntityFrameworkCore;

namespace ServerSync.Storage;

/// <summary>
/// A scope for many small lookups, such as the incoming pipeline's per batch. On PostgreSQL they run in a read
/// transaction with parallel query off (SET LOCAL max_parallel_workers_per_gather = 0): each reads a few rows, but a
/// long key list makes the planner price it high enough to start parallel workers, which costs 10–30 ms against well
/// under one of work (seen with 100,000 contacts: every sender lookup took 20–30 ms). SQLite has no parallel query:
/// there the scope is empty.
/// </summary>
public static class SerialLookups
{
    public static async Task<IAsyncDisposable> BeginAsync(ServerSyncDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return NoScope.Instance;
        var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL max_parallel_workers_per_gather = 0;", ct);
        // Only reads happen in it; disposing rolls it back.
        return transaction;
    }

    private sealed class NoScope : IAsyncDisposable
    {
        public static readonly NoScope Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
