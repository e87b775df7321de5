using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerSync.Domain.Email;
using ServerSync.Engine.Telemetry;

namespace ServerSync.Engine.Scheduling;

/// <summary>
/// A thin shell around <see cref="MailboxCycle"/>: runs it on demand or when its timer is due, and while
/// the server supports IMAP IDLE keeps a <see cref="PushWait"/> waiting for new mail so it is picked up at once.
/// </summary>
public sealed class MailboxGrain(IServiceScopeFactory scopes, SyncSettings settings, EngineTelemetry telemetry, TimeProvider clock, ILogger<MailboxGrain> logger) : Grain, IMailboxGrain
{
    private IGrainTimer? _timer;
    private DateTimeOffset? _nextRunAt;
    private PushWait? _push;
    // Kept while the grain is active; a reactivated grain starts counting again.
    private int _failuresInARow;

    public async Task PokeAsync(bool runNow)
    {
        if (!runNow && _nextRunAt is { } next && next > clock.GetUtcNow()) return; // a cycle is already scheduled
        await RunCycleAsync();
    }

    public async Task SendNowAsync()
    {
        try
        {
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<MailboxCycle>().SendOnlyAsync(this.GetPrimaryKey(), CancellationToken.None);
        }
        catch (Exception e)
        {
            // The mailbox's next full cycle sends what is left and records a failure that persists.
            logger.LogWarning(e, "Sending for mailbox {Mailbox} between cycles failed unexpectedly", this.GetPrimaryKey());
        }
    }

    private async Task RunCycleAsync()
    {
        StopPush();
        CycleOutcome outcome;
        try
        {
            using var scope = scopes.CreateScope();
            outcome = await scope.ServiceProvider.GetRequiredService<MailboxCycle>().RunAsync(this.GetPrimaryKey(), CancellationToken.None);
        }
        catch (Exception e)
        {
            // An unexpected failure (store unavailable, a bug) must not stop the mailbox for good, nor go unnoticed.
            telemetry.CycleFailed(e);
            using var scope = scopes.CreateScope();
            var retryAt = await scope.ServiceProvider.GetRequiredService<FailedCycleRecorder>().RecordAsync(this.GetPrimaryKey(), e, ++_failuresInARow, CancellationToken.None);
            Schedule(new CycleOutcome(retryAt, null));
            return;
        }
        _failuresInARow = 0;
        Schedule(outcome);
    }

    private void Schedule(CycleOutcome outcome)
    {
        _timer?.Dispose();
        _timer = null;
        _nextRunAt = outcome.NextRunAt;
        if (outcome.NextRunAt is not { } next)
        {
            DeactivateOnIdle();
            return;
        }
        // Orleans collects an activation that gets no calls for its collection age (15 minutes), and timers and the
        // IDLE wait are no calls: a quiet mailbox would lose its push channel and wait for its next poll, hours away.
        // An enabled mailbox's grain stays until the mailbox stops (DeactivateOnIdle above ends the keep-alive).
        DelayDeactivation(TimeSpan.MaxValue);
        var due = next - clock.GetUtcNow();
        _timer = this.RegisterGrainTimer(_ => RunCycleAsync(), due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        if (outcome.Idle is { } idle)
        {
            var self = this.AsReference<IMailboxGrain>();
            _push = PushWait.Start(idle, next, settings, telemetry, clock, () => self.PokeAsync(runNow: true), logger);
        }
    }

    private void StopPush()
    {
        _push?.Dispose();
        _push = null;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        StopPush();
        return Task.CompletedTask;
    }
}
