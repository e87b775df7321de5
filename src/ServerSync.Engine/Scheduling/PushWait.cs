using Microsoft.Extensions.Logging;
using ServerSync.Connectors.Abstractions;
using ServerSync.Domain.Email;
using ServerSync.Engine.Telemetry;

namespace ServerSync.Engine.Scheduling;

/// <summary>
/// Holds one mailbox's push channel (IMAP IDLE) until its next cycle is due, off the grain's scheduler, and calls
/// <c>onNewMail</c> when mail arrives. Each wait lasts at most IdleWaitSeconds, then a new connection takes over. A wait
/// that fails (the server ended it, the connection dropped, a login failed) is re-armed at once; repeated failures wait
/// 1 s, doubling up to <see cref="MaxRearmDelay"/>, so push is back within minutes and never left to the next poll.
/// </summary>
public sealed class PushWait : IDisposable
{
    /// <summary>The longest pause between re-arming attempts while the server keeps failing them.</summary>
    public static readonly TimeSpan MaxRearmDelay = TimeSpan.FromMinutes(2);

    /// <summary>A failed wait that had lasted this long was a working connection, not a failure in a row.</summary>
    private static readonly TimeSpan HealthyWait = TimeSpan.FromMinutes(1);

    private const int WarnAfterFailures = 5;

    private readonly CancellationTokenSource _stop = new();

    private readonly EngineTelemetry _telemetry;

    private PushWait(EngineTelemetry telemetry) => _telemetry = telemetry;

    public static PushWait Start(IdleTarget target, DateTimeOffset nextCycle, SyncSettings settings, EngineTelemetry telemetry, TimeProvider clock,
        Func<Task> onNewMail, ILogger logger)
    {
        var wait = new PushWait(telemetry);
        var token = wait._stop.Token;
        _ = Task.Run(() => wait.RunAsync(target, nextCycle, TimeSpan.FromSeconds(Math.Max(1, settings.IdleWaitSeconds)), clock, onNewMail, logger, token), CancellationToken.None);
        return wait;
    }

    private async Task RunAsync(IdleTarget target, DateTimeOffset nextCycle, TimeSpan idleWait, TimeProvider clock, Func<Task> onNewMail, ILogger logger, CancellationToken token)
    {
        var failures = 0;
        while (!token.IsCancellationRequested)
        {
            var untilCycle = nextCycle - clock.GetUtcNow();
            if (untilCycle <= TimeSpan.FromSeconds(1)) return; // the cycle's own timer takes over
            var maxWait = untilCycle < idleWait ? untilCycle : idleWait;
            var started = clock.GetUtcNow();
            try
            {
                if (await HeldAsync(() => target.Connector.WaitForNewMailAsync(target.Endpoint, target.State, maxWait, token)))
                {
                    if (!token.IsCancellationRequested) await onNewMail();
                    return;
                }
                // False before the time was up: the server can't push (no IDLE); the timed cycles are all there is.
                if (clock.GetUtcNow() - started < maxWait / 2) return;
                failures = 0;
            }
            catch (Exception) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (clock.GetUtcNow() - started >= HealthyWait) failures = 0;
                failures++;
                if (failures >= WarnAfterFailures)
                    logger.LogWarning(e, "IDLE wait of mailbox {Mailbox} failed {Failures} times in a row; new mail waits for the retry or the next cycle", target.Endpoint, failures);
                else
                    logger.LogInformation("IDLE wait of mailbox {Mailbox} ended early ({Message}); re-arming", target.Endpoint, e.Message);
                var pause = RearmDelay(failures);
                if (pause > TimeSpan.Zero)
                {
                    try { await Task.Delay(pause, clock, token); }
                    catch (OperationCanceledException) { return; }
                }
            }
        }
    }

    /// <summary>One wait, counted as a push channel held while it runs.</summary>
    private async Task<bool> HeldAsync(Func<Task<bool>> wait)
    {
        _telemetry.PushChannel(+1);
        try { return await wait(); }
        finally { _telemetry.PushChannel(-1); }
    }

    /// <summary>None after the first failure, then 1 s doubling to <see cref="MaxRearmDelay"/>.</summary>
    public static TimeSpan RearmDelay(int failuresInARow) =>
        failuresInARow <= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(MaxRearmDelay.TotalSeconds, Math.Pow(2, Math.Min(failuresInARow - 2, 20))));

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
