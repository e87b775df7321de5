using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Runtime;
using ServerSync.Connectors;
using ServerSync.Connectors.Abstractions;
using ServerSync.Storage;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests.Harness;

/// <summary>
/// The real server with its engine (scheduler, Orleans silo, grains, cycle) on SQLite, with the mail servers replaced by
/// a <see cref="MemoryMailServer"/> and time by a <see cref="FakeTimeProvider"/> that drives the engine's clock, the
/// scheduler's passes and the grains' timers. The deployment settings are the defaults (15 s scheduler, backoffs up to
/// 6 hours), so "after 40 quiet minutes" is <c>await AdvanceAsync(TimeSpan.FromMinutes(40))</c>. Orleans' own
/// maintenance (membership, messaging, activation collection) keeps real time, and grains are collected after
/// <see cref="CollectionAge"/> of real idleness instead of 15 minutes: <see cref="LetIdleGrainsBeCollectedAsync"/>
/// waits that long, so a test sees what a long quiet period does to grain lifetimes.
/// </summary>
public sealed class EngineHarness : SqliteServer
{
    public static readonly TimeSpan CollectionAge = TimeSpan.FromSeconds(2);

    /// <summary>One step of <see cref="AdvanceAsync"/>: the default scheduler interval, so every pass happens.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

    public EngineHarness()
    {
        Mail = new MemoryMailServer(Clock);
    }

    /// <summary>Starts at the real now, so tokens the API issues are valid.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public MemoryMailServer Mail { get; }

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("ServerSync:EngineEnabled", "true"),
        ("ServerSync:Cluster:SiloPort", ServerProcess.FreePort().ToString()),
        ("ServerSync:Cluster:GatewayPort", ServerProcess.FreePort().ToString()),
    ];

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, Clock);
        foreach (var realTime in new[] { TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.Membership, TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory })
            services.AddKeyedSingleton(realTime, TimeProvider.System);
        services.Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionQuantum = TimeSpan.FromMilliseconds(500);
            o.CollectionAge = CollectionAge;
        });
        services.AddKeyedSingleton<IIncomingConnector>(MailConnectorKeys.Imap, Mail);
        services.AddKeyedSingleton<IIncomingConnector>(MailConnectorKeys.Pop3, Mail);
        services.AddSingleton<IOutgoingConnector>(Mail);
        services.AddSingleton<ISentFolder>(Mail);
    }

    /// <summary>
    /// Moves the fake clock on in <see cref="Step"/>s, pausing briefly after each so the scheduler and grains do what
    /// became due before time moves again.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan span)
    {
        for (var left = span; left > TimeSpan.Zero; left -= Step)
        {
            Clock.Advance(left < Step ? left : Step);
            await Task.Delay(25);
        }
    }

    /// <summary>Moves the clock until <paramref name="done"/> holds, at most <paramref name="limit"/> of fake time.</summary>
    public async Task<TimeSpan> AdvanceUntilAsync(Func<Task<bool>> done, TimeSpan limit, string what)
    {
        var start = Clock.GetUtcNow();
        while (!await done())
        {
            if (Clock.GetUtcNow() - start > limit) throw new TimeoutException($"{what} did not happen within {limit} of fake time.");
            await AdvanceAsync(Step);
        }
        return Clock.GetUtcNow() - start;
    }

    /// <summary>Real time without calls, long enough for Orleans to collect every grain that nothing keeps alive.</summary>
    public Task LetIdleGrainsBeCollectedAsync() => Task.Delay(CollectionAge * 3);

    /// <summary>Reads the store directly (a fresh context): what the engine wrote, without going through the API.</summary>
    public async Task<T> StoreAsync<T>(Func<ServerSyncDbContext, Task<T>> read)
    {
        using var scope = Factory.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>());
    }
}
