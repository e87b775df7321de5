using Microsoft.Extensions.DependencyInjection;
using ServerSync.Engine.TestAndEnable;

namespace ServerSync.Engine.Scheduling;

/// <summary>A thin shell around <see cref="TestAndEnableJobRunner"/>.</summary>
public sealed class TestAndEnableJobGrain(IServiceScopeFactory scopes) : Grain, ITestAndEnableJobGrain
{
    public async Task RunAsync()
    {
        using (var scope = scopes.CreateScope())
            await scope.ServiceProvider.GetRequiredService<TestAndEnableJobRunner>().RunAsync(this.GetPrimaryKey(), CancellationToken.None);
        DeactivateOnIdle();
    }
}
