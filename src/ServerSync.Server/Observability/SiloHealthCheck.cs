using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ServerSync.Server.Observability;

/// <summary>Ready (engine on): this node's Orleans silo is an active member of its cluster.</summary>
public sealed class SiloHealthCheck(ILocalSiloDetails silo, IClusterMembershipService membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress) == SiloStatus.Active
            ? HealthCheckResult.Healthy("Joined.")
            : HealthCheckResult.Unhealthy("The silo has not joined its cluster."));
}
