using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerSync.Domain.Monitoring;
using ServerSync.Engine.Telemetry;
using ServerSync.Storage;

namespace ServerSync.Engine.TestAndEnable;

/// <summary>
/// Runs one Test &amp; Enable background job (an asyncoperations row) over its mailboxes, with progress in
/// percentcomplete and itemsprocessed. The job is claimed with a lease (hostid, leaseexpireson) renewed while it
/// runs; a job whose node stopped is claimed again by any node once the lease has run out and goes on with the
/// mailboxes not yet tested. Each mailbox is tested on its own: an error in one gives that mailbox a failed
/// result and the others still run. The callback hears of each mailbox as soon as it is stored enabled, so its
/// first cycle can start at once instead of at the next scheduler pass.
/// </summary>
public sealed class TestAndEnableJobRunner(ServerSyncDbContext db, IServiceScopeFactory scopes, EngineOptions options, EngineTelemetry telemetry, TimeProvider clock, ILogger<TestAndEnableJobRunner> logger)
{
    /// <summary>How long a claim holds without renewal; renewed every third of it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>Resumptions after which the mailboxes still untested get a failed result instead of yet another try.</summary>
    public const int MaxResumptions = 3;

    /// <summary>Attempts of a mailbox's test whose save lost to a concurrent write of the same row (its own cycle, an admin).</summary>
    private const int Attempts = 3;

    /// <summary>Jobs a scheduler should hand to a runner now: waiting ones, and running ones whose lease has run out.</summary>
    public static IQueryable<Guid> Due(ServerSyncDbContext db, DateTimeOffset now) =>
        db.AsyncOperations.AsNoTracking()
            .Where(j => j.OperationType == (int)AsyncOperationType.TestAndEnableMailboxes
                && (j.StateCode == (int)AsyncOperationState.Ready
                    || (j.StateCode == (int)AsyncOperationState.Locked && (j.LeaseExpiresOn == null || j.LeaseExpiresOn <= now))))
            .OrderBy(j => j.CreatedOn).Select(j => j.Id);

    public async Task RunAsync(Guid jobId, Action<Guid> mailboxEnabled, CancellationToken ct)
    {
        if (await ClaimAsync(jobId, ct) is not { } job) return;
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewing = RenewLeaseAsync(job, renewal.Token);
        try
        {
            await RunClaimedAsync(job, mailboxEnabled, ct);
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
        }
    }

    /// <summary>Takes the job when it is waiting or its lease has run out; null when another node holds it or it is done.</summary>
    private async Task<AsyncOperation?> ClaimAsync(Guid jobId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var job = await db.AsyncOperations.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct);
        var resumed = job?.StateCode == (int)AsyncOperationState.Locked && (job.LeaseExpiresOn is null || job.LeaseExpiresOn <= now);
        if (job is null || (job.StateCode != (int)AsyncOperationState.Ready && !resumed)) return null;
        if (resumed)
            logger.LogWarning("Test & Enable job {Job} of host {Host} stopped at {Done} of its mailboxes (lease ran out); {Me} resumes it",
                job.Id, job.HostId, job.ItemsProcessed, options.HostId);

        // The row version read above: if any node changed the row since, this claim loses.
        var retries = resumed ? job.RetryCount + 1 : job.RetryCount;
        var claimed = await db.AsyncOperations.Where(j => j.Id == jobId && j.VersionNumber == job.VersionNumber)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.StateCode, (int)AsyncOperationState.Locked)
                .SetProperty(j => j.StatusCode, (int)AsyncOperationStatus.InProgress)
                .SetProperty(j => j.HostId, options.HostId)
                .SetProperty(j => j.LeaseExpiresOn, now + Lease)
                .SetProperty(j => j.RetryCount, retries)
                .SetProperty(j => j.StartedOn, job.StartedOn ?? now)
                .SetProperty(j => j.ModifiedOn, now)
                .SetProperty(j => j.VersionNumber, j => j.VersionNumber + 1), ct);
        if (claimed == 0) return null;
        job.HostId = options.HostId;
        job.RetryCount = retries;
        job.StartedOn ??= now;
        return job;
    }

    private async Task RunClaimedAsync(AsyncOperation job, Action<Guid> mailboxEnabled, CancellationToken ct)
    {
        var ids = (job.Data ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();
        var giveUp = job.RetryCount > MaxResumptions;
        for (var i = job.ItemsProcessed; i < ids.Count; i++)
        {
            var success = giveUp
                ? await RecordFailureAsync(ids[i], $"the job was interrupted {job.RetryCount} times (a node stopped while running it). Test and enable the mailbox again.", ct)
                : await TestIsolatedAsync(ids[i], ct);
            job.ItemsProcessed = i + 1;
            if (!success) job.ItemsFailed++;
            telemetry.MailboxTested(success);
            var processed = job.ItemsProcessed;
            var failed = job.ItemsFailed;
            var until = clock.GetUtcNow() + Lease;
            if (!await UpdateHeldAsync(db, job, s => s
                    .SetProperty(j => j.ItemsProcessed, processed)
                    .SetProperty(j => j.ItemsFailed, failed)
                    .SetProperty(j => j.PercentComplete, processed * 100 / ids.Count)
                    .SetProperty(j => j.LeaseExpiresOn, until), ct))
                return;
            if (success) mailboxEnabled(ids[i]);
        }
        var enabled = ids.Count - job.ItemsFailed;
        var message = $"{enabled} of {ids.Count} mailboxes tested and enabled.";
        var completedOn = clock.GetUtcNow();
        if (await UpdateHeldAsync(db, job, s => s
            .SetProperty(j => j.StateCode, (int)AsyncOperationState.Completed)
            .SetProperty(j => j.StatusCode, enabled == ids.Count ? (int)AsyncOperationStatus.Succeeded : (int)AsyncOperationStatus.Failed)
            .SetProperty(j => j.PercentComplete, 100)
            .SetProperty(j => j.CompletedOn, completedOn)
            .SetProperty(j => j.LeaseExpiresOn, (DateTimeOffset?)null)
            .SetProperty(j => j.Message, message)
            .SetProperty(j => j.FriendlyMessage, message), ct))
            telemetry.JobCompleted(completedOn - (job.StartedOn ?? completedOn), enabled == ids.Count);
    }

    /// <summary>
    /// One mailbox's test in its own scope, so a failed save leaves nothing behind for the next. A save that lost to a
    /// concurrent write of the mailbox is tried again; any other error is that mailbox's failed result.
    /// </summary>
    private async Task<bool> TestIsolatedAsync(Guid mailboxId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var store = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
                return await store.Mailboxes.AnyAsync(m => m.Id == mailboxId, ct)
                    && await scope.ServiceProvider.GetRequiredService<MailboxTester>().TestAsync(mailboxId, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                logger.LogInformation("Test & Enable of mailbox {Mailbox} lost to a concurrent change of the mailbox; testing it again", mailboxId);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Test & Enable of mailbox {Mailbox} failed unexpectedly", mailboxId);
                return await RecordFailureAsync(mailboxId, $"unexpected error: {e.GetBaseException().Message}", ct);
            }
        }
    }

    /// <summary>A failed result on the mailbox, in a fresh scope; when even that can't be stored the error ends the run and the lease brings it back.</summary>
    private async Task<bool> RecordFailureAsync(Guid mailboxId, string reason, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<MailboxTester>().RecordFailureAsync(mailboxId, reason, ct);
                return false;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
            }
        }
    }

    /// <summary>An update of the job row that only applies while this runner still holds it; false when it has lost it.</summary>
    private async Task<bool> UpdateHeldAsync(ServerSyncDbContext store, AsyncOperation job, Action<UpdateSettersBuilder<AsyncOperation>> set, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var updated = await store.AsyncOperations
            .Where(j => j.Id == job.Id && j.StateCode == (int)AsyncOperationState.Locked && j.HostId == job.HostId && j.RetryCount == job.RetryCount)
            .ExecuteUpdateAsync(s =>
            {
                set(s);
                s.SetProperty(j => j.ModifiedOn, now).SetProperty(j => j.VersionNumber, j => j.VersionNumber + 1);
            }, ct);
        if (updated == 0) logger.LogWarning("Test & Enable job {Job}: host {Host} no longer holds it (its lease ran out); stopping here", job.Id, job.HostId);
        return updated == 1;
    }

    /// <summary>Keeps the lease while a slow mailbox test runs, on its own store context; stops when the run ends.</summary>
    private async Task RenewLeaseAsync(AsyncOperation job, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Lease / 3, clock, ct);
                var until = clock.GetUtcNow() + Lease;
                using var scope = scopes.CreateScope();
                var store = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
                if (!await UpdateHeldAsync(store, job, s => s.SetProperty(j => j.LeaseExpiresOn, until), ct)) return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                // Tried again a third of a lease later; progress writes renew it too.
                logger.LogWarning(e, "Renewing the lease of Test & Enable job {Job} failed", job.Id);
            }
        }
    }
}
