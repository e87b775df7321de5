using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerSync.Storage;

namespace ServerSync.Engine.Monitoring;

/// <summary>Deletes mailboxstatistics rows older than <see cref="EngineOptions.MailboxStatisticsRetentionDays"/>, once an hour.</summary>
public sealed class StatisticsRetention(IServiceScopeFactory scopes, EngineOptions options, TimeProvider clock, ILogger<StatisticsRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Pruning old mailbox statistics failed; trying again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <returns>How many rows were deleted.</returns>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(options.MailboxStatisticsRetentionDays);
        return await db.MailboxStatistics.Where(s => s.MailboxProcessCompletedOn < cutoff).ExecuteDeleteAsync(ct);
    }
}
