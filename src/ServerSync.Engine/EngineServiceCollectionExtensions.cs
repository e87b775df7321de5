using Microsoft.Extensions.DependencyInjection;
using ServerSync.Connectors;
using ServerSync.Connectors.Abstractions;
using ServerSync.Domain.Email;
using ServerSync.Engine.Alerts;
using ServerSync.Engine.Incoming;
using ServerSync.Engine.Mailboxes;
using ServerSync.Engine.Monitoring;
using ServerSync.Engine.Outgoing;
using ServerSync.Engine.Scheduling;
using ServerSync.Engine.Telemetry;
using ServerSync.Engine.TestAndEnable;

namespace ServerSync.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// The sync engine's plain classes (scoped per cycle) and, when <see cref="EngineOptions.EngineEnabled"/>,
    /// the scheduler. The host adds Orleans (which hosts the grains) and an <see cref="Domain.Security.ISecretProtector"/>.
    /// </summary>
    public static IServiceCollection AddSyncEngine(this IServiceCollection services, EngineOptions options, SyncSettings settings, TlsOptions tls)
    {
        services.AddSingleton(options);
        services.AddSingleton(settings);
        services.AddMailConnectors(tls);
        services.AddSingleton<MailConnectors>();
        services.AddSingleton<ProfileConnectionLimiter>();
        services.AddMetrics();
        services.AddSingleton<EngineTelemetry>();
        services.AddScoped<MailboxEndpoints>();
        services.AddScoped<AlertWriter>();
        services.AddScoped<MailboxFailures>();
        services.AddScoped<AddressResolver>();
        services.AddScoped<Correlator>();
        services.AddScoped<IncomingPipeline>();
        services.AddScoped<BatchStore>();
        services.AddScoped<MimeComposer>();
        services.AddScoped<OutgoingSender>();
        services.AddScoped<CycleStatistics>();
        services.AddScoped<MailboxCycle>();
        services.AddScoped<FailedCycleRecorder>();
        services.AddScoped<MailboxTester>();
        services.AddScoped<TestAndEnableJobRunner>();
        if (options.EngineEnabled)
        {
            services.AddSingleton<MailboxScheduler>();
            services.AddHostedService(sp => sp.GetRequiredService<MailboxScheduler>());
            services.AddHostedService<StoreGaugeSampler>();
            services.AddHostedService<StatisticsRetention>();
        }
        return services;
    }
}
