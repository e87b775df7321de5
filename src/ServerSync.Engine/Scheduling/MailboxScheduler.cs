using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Email;
using ServerSync.Engine.TestAndEnable;
using ServerSync.Storage;

namespace ServerSync.Engine.Scheduling;

/// <summary>
/// Looks at the store every few seconds and wakes what is due: mailboxes whose next cycle has come or that
/// have mail to send, and Test &amp; Enable jobs waiting to run or left by a node that stopped. The work itself
/// runs in grains, each mailbox on its own, so a slow or broken mailbox never holds up the others.
/// </summary>
public sealed class MailboxScheduler(IServiceScopeFactory scopes, IGrainFactory grains, SyncSettings settings, TimeProvider clock, ILogger<MailboxScheduler> logger)
    : BackgroundService
{
    /// <summary>When the last pass over the store ended without error (the readiness check reads it).</summary>
    public DateTimeOffset? LastPassCompletedOn { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, settings.SchedulerIntervalSeconds)), clock);
        do
        {
            try
            {
                await WakeDueWorkAsync(stoppingToken);
                LastPassCompletedOn = clock.GetUtcNow();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The scheduler pass failed; trying again next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task WakeDueWorkAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
        var now = clock.GetUtcNow();
        var jobs = await TestAndEnableJobRunner.Due(db, now).ToListAsync(ct);
        var due = await db.Mailboxes.AsNoTracking()
            .Where(m => m.StateCode == (int)ActiveState.Active && (m.EnabledForIncomingEmail || m.EnabledForOutgoingEmail)
                && (m.PostponeMailboxProcessingUntil == null || m.PostponeMailboxProcessingUntil <= now))
            .Select(m => m.Id).ToListAsync(ct);
        // Only mailboxes that can send right now: one whose sending is disabled or backing off waits for that to end,
        // instead of being woken every pass.
        var sending = await db.Emails.AsNoTracking()
            .Where(e => e.StatusCode == (int)EmailStatus.PendingSend && (e.PostponeSendingUntil == null || e.PostponeSendingUntil <= now) && e.SenderMailboxId != null)
            .Join(db.Mailboxes.AsNoTracking().Where(m => m.StateCode == (int)ActiveState.Active && m.EnabledForOutgoingEmail
                    && m.OutgoingEmailDeliveryMethod == (int)OutgoingDeliveryMethod.ServerSideSync
                    && (m.PostponeSendingUntil == null || m.PostponeSendingUntil <= now)),
                e => e.SenderMailboxId, m => (Guid?)m.Id, (e, m) => m.Id)
            .Distinct().ToListAsync(ct);

        // Grain calls are fire-and-forget: the scheduler must not wait on any one mailbox.
        foreach (var job in jobs) _ = Observe(grains.GetGrain<ITestAndEnableJobGrain>(job).RunAsync(), "job", job);
        foreach (var mailbox in due) _ = Observe(grains.GetGrain<IMailboxGrain>(mailbox).PokeAsync(runNow: false), "mailbox", mailbox);
        // Mail to send doesn't need an incoming session or a new IDLE connection: outgoing only.
        foreach (var mailbox in sending.Except(due)) _ = Observe(grains.GetGrain<IMailboxGrain>(mailbox).SendNowAsync(), "mailbox", mailbox);
    }

    private async Task Observe(Task call, string kind, Guid id)
    {
        try { await call; }
        catch (Exception e) { logger.LogWarning(e, "Waking {Kind} {Id} failed", kind, id); }
    }
}
