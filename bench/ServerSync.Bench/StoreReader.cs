using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServerSync.Storage;
using ServerSync.Testing;

namespace ServerSync.Bench;

/// <summary>
/// Reads a few timestamps straight from the in-process server's store. The Web API writes date-times with whole
/// seconds (Dataverse style), too coarse for latencies and cycle timelines; the store keeps them exact.
/// Read-only, no tracking: what the API would return, to the millisecond.
/// </summary>
public sealed class StoreReader(ServerFixture server)
{
    private async Task<T> WithDbAsync<T>(Func<ServerSyncDbContext, Task<T>> read)
    {
        using var scope = server.Factory.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>());
    }

    public Task<(DateTimeOffset Created, DateTimeOffset? Completed)> JobAsync(Guid job) => WithDbAsync(async db =>
    {
        var row = await db.AsyncOperations.AsNoTracking().Where(j => j.Id == job).Select(j => new { j.CreatedOn, j.CompletedOn }).SingleAsync();
        return (row.CreatedOn, row.CompletedOn);
    });

    public sealed record Cycle(int ProcessedTimes, DateTimeOffset? Started, DateTimeOffset? Completed, int Items, int Failed, string? Error);

    public Task<Cycle> MailboxAsync(Guid mailbox) => WithDbAsync(async db => await db.Mailboxes.AsNoTracking().Where(m => m.Id == mailbox)
        .Select(m => new Cycle(m.ProcessedTimes, m.LastSyncStartedOn, m.LastSuccessfulSyncCompletedOn, m.ItemsProcessedForLastSync, m.ItemsFailedForLastSync, m.LastSyncError))
        .SingleAsync());

    /// <summary>createdon of the email activities whose messageid is in the set.</summary>
    public Task<Dictionary<string, DateTimeOffset>> CreatedOnAsync(IReadOnlyCollection<string> messageIds) => WithDbAsync(async db =>
        (await db.Emails.AsNoTracking().Where(e => messageIds.Contains(e.MessageId!)).Select(e => new { e.MessageId, e.CreatedOn }).ToListAsync())
            .ToDictionary(e => e.MessageId!, e => e.CreatedOn));
}
