using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ServerSync.Engine.Scheduling;

/// <summary>
/// A thin shell around <see cref="MailboxCycle"/>: runs it on demand or when its timer is due, and while
/// the server supports IMAP IDLE keeps one connection waiting for new mail so it is picked up at once.
/// </summary>
public sealed class MailboxGrain(IServiceScopeFactory scopes, ILogger<MailboxGrain> logger) : Grain, IMailboxGrain
{
    private IGrainTimer? _timer;
    private DateTimeOffset? _nextRunAt;
    private CancellationTokenSource? _idle;
    // Kept while the grain is active; a reactivated grain starts counting again.
    private int _failuresInARow;

    public async Task PokeAsync(bool runNow)
    {
        if (!runNow && _nextRunAt is { } next && next > DateTimeOffset.UtcNow) return; // a cycle is already scheduled
        await RunCycleAsync();
    }

    private async Task RunCycleAsync()
    {
        StopIdle();
        CycleOutcome outcome;
        try
        {
            using var scope = scopes.CreateScope();
            outcome = await scope.ServiceProvider.GetRequiredService<MailboxCycle>().RunAsync(this.GetPrimaryKey(), CancellationToken.None);
        }
        catch (Exception e)
        {
            // An unexpected failure (store unavailable, concurrent edit, a bug) must not stop the mailbox for good,
            // nor go unnoticed.
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
        var due = next - DateTimeOffset.UtcNow;
        _timer = this.RegisterGrainTimer(_ => RunCycleAsync(), due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        if (outcome.Idle is { } idle) StartIdle(idle, next - DateTimeOffset.UtcNow);
    }

    /// <summary>Waits for new mail off the grain's scheduler and pokes the grain when it arrives.</summary>
    private void StartIdle(IdleTarget target, TimeSpan maxWait)
    {
        var idle = _idle = new CancellationTokenSource();
        var self = this.AsReference<IMailboxGrain>();
        _ = Task.Run(async () =>
        {
            try
            {
                if (maxWait > TimeSpan.FromSeconds(1) && await target.Connector.WaitForNewMailAsync(target.Endpoint, target.State, maxWait, idle.Token) && !idle.IsCancellationRequested)
                    await self.PokeAsync(runNow: true);
            }
            catch (Exception e) when (e is OperationCanceledException || idle.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "IDLE wait of mailbox {Mailbox} ended early", target.Endpoint);
            }
        });
    }

    private void StopIdle()
    {
        _idle?.Cancel();
        _idle?.Dispose();
        _idle = null;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        StopIdle();
        return Task.CompletedTask;
    }
}
