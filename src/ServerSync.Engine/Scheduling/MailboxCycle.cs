using TagList = System.Diagnostics.TagList;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServerSync.Connectors.Abstractions;
using ServerSync.Domain.Approval;
using ServerSync.Domain.Email;
using ServerSync.Domain.Monitoring;
using ServerSync.Engine.Alerts;
using ServerSync.Engine.Incoming;
using ServerSync.Engine.Mailboxes;
using ServerSync.Engine.Monitoring;
using ServerSync.Engine.Outgoing;
using ServerSync.Engine.Telemetry;
using ServerSync.Storage;

namespace ServerSync.Engine.Scheduling;

/// <summary>
/// One processing cycle of one mailbox (reference 2.1.4): incoming mail in batches, each stored with the
/// connector's sync state in one transaction; then Pending Send mail; then the next run time from the backoff
/// rules. Errors are classified and recorded per direction; nothing here waits on another mailbox.
/// </summary>
public sealed class MailboxCycle(
    ServerSyncDbContext db, MailConnectors connectors, MailboxEndpoints endpoints, IncomingPipeline pipeline, BatchStore batches, OutgoingSender sender,
    MailboxFailures failures, AlertWriter alerts, ProfileConnectionLimiter limiter, SyncSettings settings, EngineOptions options,
    CycleStatistics statistics, EngineTelemetry telemetry, TimeProvider clock, ILogger<MailboxCycle> logger)
{
    private TagList _tags;

    public Task<CycleOutcome> RunAsync(Guid mailboxId, CancellationToken ct) => RunAsync(mailboxId, outgoingOnly: false, ct);

    /// <summary>
    /// Sends the mailbox's Pending Send mail now, between its cycles: no incoming session, and its next cycle stays
    /// where it was (the scheduler asks for this only while sending isn't disabled or backing off).
    /// </summary>
    public Task SendOnlyAsync(Guid mailboxId, CancellationToken ct) => RunAsync(mailboxId, outgoingOnly: true, ct);

    private async Task<CycleOutcome> RunAsync(Guid mailboxId, bool outgoingOnly, CancellationToken ct)
    {
        using var span = EngineTelemetry.StartCycle(mailboxId);
        var mailbox = await db.Mailboxes.FirstOrDefaultAsync(m => m.Id == mailboxId, ct);
        if (mailbox is null || mailbox.StateCode != (int)ActiveState.Active || mailbox.EmailServerProfileId is null) return CycleOutcome.Stopped;
        if (!mailbox.EnabledForIncomingEmail && !mailbox.EnabledForOutgoingEmail) return CycleOutcome.Stopped;
        var profile = await db.EmailServerProfiles.FirstAsync(p => p.Id == mailbox.EmailServerProfileId, ct);
        var org = await db.Organizations.SingleAsync(o => o.EnvironmentId == mailbox.EnvironmentId, ct);
        if (profile.StateCode != (int)ActiveState.Active || !MailConnectors.IsSupported(profile.Type)) return CycleOutcome.Stopped;

        if (ApprovalPolicy.IsApprovalRequired(org, mailbox, profile.Type) && mailbox.EmailRouterAccessApproval != (int)EmailAddressApproval.Approved)
        {
            mailbox.EnabledForIncomingEmail = mailbox.EnabledForOutgoingEmail = false;
            alerts.OnMailbox(org, mailbox, TraceLevel.Error,
                $"Mailbox {mailbox.Name} has been disabled for sending and receiving email because its email address isn't approved. Approve the email address, then test and enable the mailbox again.");
            await SaveAsync(mailbox, ct);
            return CycleOutcome.Stopped;
        }

        var now = clock.GetUtcNow();
        _tags = await telemetry.MailboxTagsAsync(db, mailbox.EnvironmentId, profile.Type, ct);
        mailbox.LastSyncStartedOn = now;
        mailbox.HostId = options.HostId;
        IdleTarget? idle = null;
        var backlog = false;
        using (await limiter.AcquireAsync(profile.Id, profile.MaxConcurrentConnections, ct))
        {
            if (!outgoingOnly && mailbox.EnabledForIncomingEmail && mailbox.IncomingEmailDeliveryMethod == (int)IncomingDeliveryMethod.ServerSideSync
                && (mailbox.ReceivingPostponedUntil is null || mailbox.ReceivingPostponedUntil <= now))
                (idle, backlog) = await ReceiveAsync(mailbox, profile, org, ct);
            if (mailbox.EnabledForOutgoingEmail && mailbox.OutgoingEmailDeliveryMethod == (int)OutgoingDeliveryMethod.ServerSideSync
                && (mailbox.PostponeSendingUntil is null || mailbox.PostponeSendingUntil <= now))
                await SendAsync(mailbox, profile, org, ct);
        }

        if (outgoingOnly)
        {
            statistics.AddRows(mailbox);
            await SaveAsync(mailbox, ct);
            return new CycleOutcome(mailbox.PostponeMailboxProcessingUntil, null);
        }

        // A cycle that stopped at IncomingMaximumEmailsPerCycle with mail left goes on at once.
        var next = clock.GetUtcNow() + (backlog ? TimeSpan.Zero : SyncBackoff.AfterCycle(settings, mailbox.NoEmailCount));
        foreach (var postponed in new[] { mailbox.ReceivingPostponedUntil, mailbox.PostponeSendingUntil })
            if (postponed is { } p && p > now && p < next) next = p;
        mailbox.PostponeMailboxProcessingUntil = next;
        mailbox.ProcessedTimes++;
        statistics.AddRows(mailbox);
        await SaveAsync(mailbox, ct);
        telemetry.CycleCompleted(_tags, clock.GetUtcNow() - now);
        var stillEnabled = mailbox.EnabledForIncomingEmail || mailbox.EnabledForOutgoingEmail;
        return stillEnabled ? new CycleOutcome(next, mailbox.EnabledForIncomingEmail ? idle : null) : CycleOutcome.Stopped;
    }

    private async Task<(IdleTarget? Idle, bool Backlog)> ReceiveAsync(Mailbox mailbox, EmailServerProfile profile, Organization org, CancellationToken ct)
    {
        try
        {
            var connector = connectors.Incoming(profile.Type);
            var endpoint = endpoints.Incoming(profile, mailbox);
            var key = MailboxEndpoints.StateKey(profile, endpoint);
            if (mailbox.IncomingSyncStateKey != key) mailbox.IncomingSyncState = null;
            var owner = await OwnerAsync(mailbox, ct);
            var receivedAfter = mailbox.ProcessEmailReceivedAfter ?? profile.ProcessEmailsReceivedAfter;
            int processed = 0, failed = 0;
            var limits = new FetchLimits(settings.IncomingEmailRetrievalBatchSize, settings.IncomingMaximumEmailsPerCycle);
            var mailboxId = mailbox.Id;
            var handler = new BatchHandler<ParsedBatch>((batch, token) => pipeline.Parse(mailboxId, batch.Messages, token), async (batch, parsed, token) =>
            {
                BatchResult result;
                using (EngineTelemetry.StartStep("store")) result = await batches.StoreAsync(mailbox, owner, org, parsed, batch.Unavailable, batch.NextState, key, token);
                statistics.Received(result);
                telemetry.Received(_tags, result, clock.GetUtcNow());
                processed += result.Processed;
                failed += result.Failed;
            });
            using var fetch = EngineTelemetry.StartStep("fetch");
            var backlog = await connector.FetchAsync(endpoint, mailbox.IncomingSyncState, receivedAfter, limits, handler, ct);
            MailboxFailures.Succeeded(mailbox, MailboxFailures.Direction.Incoming);
            mailbox.NoEmailCount = processed + failed == 0 ? mailbox.NoEmailCount + 1 : 0;
            mailbox.ItemsProcessedForLastSync = processed;
            mailbox.ItemsFailedForLastSync = failed;
            mailbox.LastSuccessfulSyncCompletedOn = clock.GetUtcNow();
            return (backlog ? null : new IdleTarget(connector, endpoint, mailbox.IncomingSyncState), backlog);
        }
        catch (MailServerException e)
        {
            logger.LogInformation("Receiving for mailbox {Mailbox} failed ({Class}/{Kind}): {Message}", mailbox.Id, e.ErrorClass, e.Kind, e.Message);
            failures.Record(org, profile, mailbox, MailboxFailures.Direction.Incoming, e);
            telemetry.ConnectorError(_tags, "incoming", e, mailbox.ReceivingPostponedUntil - clock.GetUtcNow());
            statistics.Errored(MailboxOperationType.IncomingEmail);
            return (null, false);
        }
    }

    private async Task SendAsync(Mailbox mailbox, EmailServerProfile profile, Organization org, CancellationToken ct)
    {
        using var span = EngineTelemetry.StartStep("send");
        try
        {
            var sentFolder = connectors.SentFolder(profile.Type);
            var sent = await sender.SendPendingAsync(mailbox, org, connectors.Outgoing(profile.Type), endpoints.Outgoing(profile, mailbox), sentFolder,
                sentFolder is null ? null : endpoints.Incoming(profile, mailbox),
                SyncBackoff.AfterTransientError(settings, timeout: false), ct);
            statistics.Sent(sent);
            telemetry.Items(_tags, "outgoing", sent.Sent, sent.Failed);
            MailboxFailures.Succeeded(mailbox, MailboxFailures.Direction.Outgoing);
        }
        catch (MailServerException e)
        {
            logger.LogInformation("Sending for mailbox {Mailbox} failed ({Class}/{Kind}): {Message}", mailbox.Id, e.ErrorClass, e.Kind, e.Message);
            failures.Record(org, profile, mailbox, MailboxFailures.Direction.Outgoing, e);
            telemetry.ConnectorError(_tags, "outgoing", e, mailbox.PostponeSendingUntil - clock.GetUtcNow());
            statistics.Errored(MailboxOperationType.OutgoingEmail);
        }
    }

    private async Task<MailboxOwner> OwnerAsync(Mailbox mailbox, CancellationToken ct)
    {
        if (mailbox.RegardingObjectTypeCode == "queue")
        {
            var method = await db.Queues.Where(q => q.Id == mailbox.RegardingObjectId).Select(q => q.IncomingEmailFilteringMethod).FirstAsync(ct);
            return new MailboxOwner("queue", mailbox.RegardingObjectId!.Value, (IncomingFilteringMethod)method);
        }
        if (mailbox.RegardingObjectTypeCode == "systemuser")
        {
            var method = await db.SystemUsers.Where(u => u.Id == mailbox.RegardingObjectId).Select(u => u.IncomingEmailFilteringMethod).FirstAsync(ct);
            return new MailboxOwner("systemuser", mailbox.RegardingObjectId!.Value, (IncomingFilteringMethod)method);
        }
        // A forward mailbox tracks everything forwarded to it.
        return new MailboxOwner("mailbox", mailbox.Id, IncomingFilteringMethod.AllEmail);
    }

    private async Task SaveAsync(Mailbox mailbox, CancellationToken ct)
    {
        mailbox.VersionNumber++;
        mailbox.ModifiedOn = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }
}
