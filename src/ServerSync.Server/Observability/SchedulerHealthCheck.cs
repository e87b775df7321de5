using Microsoft.Extensions.Diagnostics.HealthChecks;
using ServerSync.Domain.Email;
using ServerSync.Engine.Scheduling;

namespace ServerSync.Server.Observability;

/// <summary>Ready (engine on): the scheduler runs and its last pass over the store succeeded within three intervals.</summary>
public sealed class SchedulerHealthCheck(MailboxScheduler scheduler, SyncSettings settings, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (scheduler.ExecuteTask is null or { IsCompleted: true }) return Task.FromResult(HealthCheckResult.Unhealthy("The scheduler is not running."));
        var allowed = TimeSpan.FromSeconds(3 * Math.Max(1, settings.SchedulerIntervalSeconds));
        return Task.FromResult(scheduler.LastPassCompletedOn is { } last && clock.GetUtcNow() - last <= allowed
            ? HealthCheckResult.Healthy("Running.")
            : HealthCheckResult.Unhealthy("The scheduler has not completed a pass recently."));
    }
}
