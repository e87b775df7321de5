using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ServerSync.Server.Observability;

/// <summary>The body of /health/live and /health/ready: the overall status and each check's status and short description.</summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = Name(report.Status),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = Name(e.Value.Status), description = e.Value.Description }),
        }));
    }

    private static string Name(HealthStatus status) => status.ToString().ToLowerInvariant();
}
