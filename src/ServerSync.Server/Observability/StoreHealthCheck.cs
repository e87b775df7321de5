using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ServerSync.Storage;

namespace ServerSync.Server.Observability;

/// <summary>Ready: the store answers and every migration of this build is applied.</summary>
public sealed class StoreHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
            if (!await db.Database.CanConnectAsync(ct)) return HealthCheckResult.Unhealthy("The store is unreachable.");
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
            return pending == 0 ? HealthCheckResult.Healthy("Reachable and migrated.") : HealthCheckResult.Unhealthy($"{pending} migrations are not applied.");
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // The exception's text can name hosts and users; the log of the failing callers has the details.
            return HealthCheckResult.Unhealthy("The store is unreachable.");
        }
    }
}
