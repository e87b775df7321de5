using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ServerSync.Engine;
using ServerSync.Engine.Telemetry;

namespace ServerSync.Server.Observability;

/// <summary>
/// Metrics, traces, health and log correlation. The engine's meter and spans, ASP.NET Core's, the runtime's, HttpClient's and
/// EF Core's are collected always; they leave the process only through an exporter that is configured: OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (with the other standard <c>OTEL_*</c> variables), Prometheus at <c>/metrics</c>
/// when <c>ServerSync:Metrics:Prometheus:Enabled</c>. Log lines carry the trace and span ids of the work they belong to.
/// </summary>
public static class ObservabilitySetup
{
    public const string LivePath = "/health/live", ReadyPath = "/health/ready", MetricsPath = "/metrics";

    private const string Ready = "ready";

    /// <summary>Null when set up; otherwise why the server must not start.</summary>
    public static string? AddServerSyncObservability(this WebApplicationBuilder builder, EngineOptions engine)
    {
        var prometheus = builder.Configuration.GetSection("ServerSync:Metrics:Prometheus").Get<PrometheusSettings>() ?? new PrometheusSettings();
        var (access, error) = PrometheusAccess.From(prometheus);
        if (error is not null) return error;
        if (prometheus.Enabled) builder.Services.AddSingleton(access!);

        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "serversync",
                serviceVersion: typeof(ObservabilitySetup).Assembly.GetName().Version?.ToString(), serviceInstanceId: engine.HostId))
            .WithMetrics(m =>
            {
                m.AddMeter(EngineTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
                if (prometheus.Enabled) m.AddPrometheusExporter();
            })
            .WithTracing(t => t.AddSource(EngineTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperationsPath(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation());
        if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) otel.UseOtlpExporter();

        var checks = builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: [Ready]);
        if (engine.EngineEnabled)
            checks.AddCheck<SchedulerHealthCheck>("scheduler", tags: [Ready]).AddCheck<SiloHealthCheck>("silo", tags: [Ready]);
        return null;
    }

    /// <summary>/metrics (when enabled, before authentication: it has its own access rule).</summary>
    public static void UseServerSyncMetrics(this WebApplication app)
    {
        if (app.Services.GetService<PrometheusAccess>() is not { } access) return;
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider: null, predicate: context => context.Request.Path == MetricsPath, path: null,
            configureBranchedPipeline: branch => branch.Use(async (context, next) =>
            {
                if (access.Refusal(context) is { } status)
                {
                    context.Response.StatusCode = status;
                    if (status == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer";
                    return;
                }
                await next(context);
            }), optionsName: null);
    }

    /// <summary>/health/live: the process answers. /health/ready: the store, and with the engine its scheduler and silo.</summary>
    public static void MapServerSyncHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
    }

    private static bool IsOperationsPath(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);
}
