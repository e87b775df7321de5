using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerSync.Engine.TestAndEnable;

namespace ServerSync.Engine.Scheduling;

/// <summary>A thin shell around <see cref="TestAndEnableJobRunner"/> that starts each enabled mailbox's first cycle at once.</summary>
public sealed class TestAndEnableJobGrain(IServiceScopeFactory scopes, ILogger<TestAndEnableJobGrain> logger) : Grain, ITestAndEnableJobGrain
{
    public async Task RunAsync()
    {
        try
        {
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<TestAndEnableJobRunner>().RunAsync(this.GetPrimaryKey(), mailbox => _ = WakeAsync(mailbox), CancellationToken.None);
        }
        catch (Exception e)
        {
            // The job keeps its lease until it runs out; then a scheduler pass on any node resumes it.
            logger.LogWarning(e, "Test & Enable job {Job} stopped; it is resumed once its lease has run out", this.GetPrimaryKey());
        }
        DeactivateOnIdle();
    }

    /// <summary>Not awaited: the job must not wait for a mailbox's cycle. If the call fails, the scheduler's next pass wakes the mailbox.</summary>
    private async Task WakeAsync(Guid mailbox)
    {
        try
        {
            await GrainFactory.GetGrain<IMailboxGrain>(mailbox).PokeAsync(runNow: true);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Waking mailbox {Mailbox} after Test & Enable failed; the scheduler will", mailbox);
        }
    }
}
