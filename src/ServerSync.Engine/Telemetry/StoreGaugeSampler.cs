using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Email;
using ServerSync.Storage;

namespace ServerSync.Engine.Telemetry;

/// <summary>
/// Reads the store-wide gauges (mailboxes by state, Pending Send backlog) once per scheduler interval, so a scrape or
/// export reads numbers in memory instead of querying the store. Every engine node reports the same store-wide values.
/// </summary>
public sealed class StoreGaugeSampler(IServiceScopeFactory scopes, EngineTelemetry telemetry, SyncSettings settings, TimeProvider clock, ILogger<StoreGaugeSampler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, settings.SchedulerIntervalSeconds)), clock);
        do
        {
            try
            {
                telemetry.SetGauges(await SampleAsync(stoppingToken));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug(e, "Sampling the mailbox and Pending Send gauges failed; trying again next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<StoreGauges> SampleAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
        var names = await db.Environments.AsNoTracking().ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var states = await db.Mailboxes.AsNoTracking().Where(m => m.StateCode == (int)ActiveState.Active)
            .GroupBy(m => new
            {
                m.EnvironmentId,
                State = m.EmailRouterAccessApproval == (int)EmailAddressApproval.PendingApproval ? "pending_approval"
                    : m.MailboxStatus == (int)TestStatus.Failure || m.IncomingEmailStatus == (int)TestStatus.Failure || m.OutgoingEmailStatus == (int)TestStatus.Failure ? "failing"
                    : m.EnabledForIncomingEmail || m.EnabledForOutgoingEmail ? "enabled"
                    : "disabled",
            })
            .Select(g => new { g.Key.EnvironmentId, g.Key.State, Count = g.LongCount() }).ToListAsync(ct);
        var backlog = await db.Emails.AsNoTracking()
            .Where(e => e.StatusCode == (int)EmailStatus.PendingSend || e.StatusCode == (int)EmailStatus.Sending)
            .GroupBy(e => e.EnvironmentId)
            .Select(g => new { EnvironmentId = g.Key, Count = g.LongCount(), Oldest = g.Min(e => e.ModifiedOn) }).ToListAsync(ct);

        var now = clock.GetUtcNow();
        var mailboxes = new List<Measurement<long>>();
        foreach (var (id, name) in names)
            foreach (var state in new[] { "enabled", "failing", "disabled", "pending_approval" })
                mailboxes.Add(new(states.Where(s => s.EnvironmentId == id && s.State == state).Sum(s => s.Count), Tag(name), new("serversync.mailbox.state", state)));
        var pending = names.Select(n => new Measurement<long>(backlog.FirstOrDefault(b => b.EnvironmentId == n.Key)?.Count ?? 0, Tag(n.Value))).ToList();
        var oldest = names.Select(n => new Measurement<double>(
            backlog.FirstOrDefault(b => b.EnvironmentId == n.Key) is { } b ? Math.Max(0, (now - b.Oldest).TotalSeconds) : 0, Tag(n.Value))).ToList();
        return new StoreGauges(mailboxes, pending, oldest);
    }

    private static KeyValuePair<string, object?> Tag(string environment) => new("serversync.environment", environment);
}
