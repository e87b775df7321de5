using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServerSync.Connectors.Abstractions;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Approval;
using ServerSync.Domain.Email;
using ServerSync.Domain.Monitoring;
using ServerSync.Engine.Alerts;
using ServerSync.Engine.Incoming;
using ServerSync.Engine.Mailboxes;
using ServerSync.Engine.Monitoring;
using ServerSync.Engine.Outgoing;
using ServerSync.Storage;

namespace ServerSync.Engine.Scheduling;

/// <summary>
/// One processing cycle of one mailbox (reference 2.1.4): incoming mail in batches, each stored with the
/// connector's sync state in one transaction; then Pending Send mail; then the next run time from the backoff
/// rules. Errors are classified and recorded per direction; nothing here waits on another mailbox.
/// </summary>
public sealed class MailboxCycle(
    ServerSyncDbContext db, MailConnectors connectors, MailboxEndpoints endpoints, IncomingPipeline pipeline, OutgoingSender sender,
    MailboxFailures failures, AlertWriter alerts, ProfileConnectionLimiter limiter, SyncSettings settings, EngineOptions options,
    CycleStatistics statistics, TimeProvider clock, ILogger<MailboxCycle> logger)
{
    public async Task<CycleOutcome> RunAsync(Guid mailboxId, CancellationToken ct)
    {
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
        mailbox.LastSyncStartedOn = now;
        mailbox.HostId = options.HostId;
        IdleTarget? idle = null;
        var backlog = false;
        using (await limiter.AcquireAsync(profile.Id, profile.MaxConcurrentConnections, ct))
        {
            if (mailbox.EnabledForIncomingEmail && mailbox.IncomingEmailDeliveryMethod == (int)IncomingDeliveryMethod.ServerSideSync
                && (mailbox.ReceivingPostponedUntil is null || mailbox.ReceivingPostponedUntil <= now))
                (idle, backlog) = await ReceiveAsync(mailbox, profile, org, ct);
            if (mailbox.EnabledForOutgoingEmail && mailbox.OutgoingEmailDeliveryMethod == (int)OutgoingDeliveryMethod.ServerSideSync
                && (mailbox.PostponeSendingUntil is null || mailbox.PostponeSendingUntil <= now))
                await SendAsync(mailbox, profile, org, ct);
        }

        // A cycle that stopped at IncomingMaximumEmailsPerCycle with mail left goes on at once.
        var next = clock.GetUtcNow() + (backlog ? TimeSpan.Zero : SyncBackoff.AfterCycle(settings, mailbox.NoEmailCount));
        foreach (var postponed in new[] { mailbox.ReceivingPostponedUntil, mailbox.PostponeSendingUntil })
            if (postponed is { } p && p > now && p < next) next = p;
        mailbox.PostponeMailboxProcessingUntil = next;
        mailbox.ProcessedTimes++;
        statistics.AddRows(mailbox);
        await SaveAsync(mailbox, ct);
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
                var result = await StoreBatchAsync(mailbox, owner, org, batch.NextState, parsed, key, token);
                statistics.Received(result);
                processed += result.Processed;
                failed += result.Failed;
            });
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
            statistics.Errored(MailboxOperationType.IncomingEmail);
            return (null, false);
        }
    }

    /// <summary>
    /// Stores a batch and the sync state after it together; a clash with another mailbox storing the same message is
    /// retried once. A batch the store still refuses because of its data is stored message by message instead.
    /// </summary>
    private async Task<BatchResult> StoreBatchAsync(Mailbox mailbox, MailboxOwner owner, Organization org, string nextState, ParsedBatch parsed, string key, CancellationToken ct)
    {
        // Saved with the batch, so an alert is written exactly when its message is passed over.
        foreach (var unreadable in parsed.Unreadable)
            alerts.OnMailbox(org, mailbox, TraceLevel.Error,
                $"An email in mailbox {mailbox.Name} ({unreadable.ServerId}) could not be read as MIME and was skipped: {unreadable.Reason} It stays in the mailbox on the mail server.");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                mailbox.IncomingSyncState = nextState;
                mailbox.IncomingSyncStateKey = key;
                return await StoreAsync(mailbox, owner, org, parsed, withTrackedChanges: true, ct);
            }
            catch (DbException) when (attempt == 1)
            {
                // Another mailbox stored one of these messages first (unique Message-ID per environment): the
                // transaction is rolled back; running the batch again finds that activity and only links to it.
            }
            catch (DbException e) when (StoreRefusal.IsRefusedData(e))
            {
                logger.LogWarning(e, "The store refused a batch of mailbox {Mailbox}; storing its messages one by one", mailbox.Id);
                var result = await StoreEachAsync(mailbox, owner, org, parsed, ct);
                await db.SaveChangesAsync(ct);
                return result;
            }
        }
    }

    /// <summary>
    /// Each message on its own, so the one the store refuses (retried once, as a batch is) is skipped with an error
    /// alert that names it, instead of failing its batch on every cycle and stopping the mailbox. The sync state and
    /// the alerts are the caller's to save, after the last message.
    /// </summary>
    private async Task<BatchResult> StoreEachAsync(Mailbox mailbox, MailboxOwner owner, Organization org, ParsedBatch parsed, CancellationToken ct)
    {
        var stored = new List<BatchResult>();
        var skipped = 0;
        foreach (var mail in parsed.Mails)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    stored.Add(await StoreAsync(mailbox, owner, org, new ParsedBatch([mail], []), withTrackedChanges: false, ct));
                    break;
                }
                catch (DbException) when (attempt == 1)
                {
                }
                catch (DbException e) when (StoreRefusal.IsRefusedData(e))
                {
                    logger.LogError(e, "The store refused message {MessageId} ({ServerId}) of mailbox {Mailbox}; skipped", mail.MessageId, mail.ServerId, mailbox.Id);
                    alerts.OnMailbox(org, mailbox, TraceLevel.Error,
                        $"The email {mail.MessageId} (\"{StoredText.Cut(mail.Subject, 200)}\", {mail.ServerId}) in mailbox {mailbox.Name} could not be stored and was skipped: {e.Message} It stays in the mailbox on the mail server.");
                    skipped++;
                    break;
                }
            }
        }

        return new BatchResult(stored.Sum(r => r.Created), stored.Sum(r => r.AlreadyTracked), stored.Sum(r => r.Filtered), parsed.Unreadable.Count + skipped,
            stored.SelectMany(r => r.ServerReceipts).ToList());
    }

    /// <summary>
    /// The rows of <paramref name="parsed"/> in one transaction, with the tracked changes (the mailbox's sync state) when
    /// asked: only what the mail server can hand over again, so it may commit without waiting for the disk.
    /// </summary>
    private async Task<BatchResult> StoreAsync(Mailbox mailbox, MailboxOwner owner, Organization org, ParsedBatch parsed, bool withTrackedChanges, CancellationToken ct)
    {
        var rows = new NewActivityRows();
        var result = await pipeline.ProcessAsync(mailbox, owner, org, parsed, rows, ct);
        await using var tx = await RefetchableTransaction.BeginAsync(db, ct);
        await rows.InsertAsync(db, ct);
        if (withTrackedChanges) await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result;
    }

    private async Task SendAsync(Mailbox mailbox, EmailServerProfile profile, Organization org, CancellationToken ct)
    {
        try
        {
            var sentFolder = connectors.SentFolder(profile.Type);
            statistics.Sent(await sender.SendPendingAsync(mailbox, org, connectors.Outgoing(profile.Type), endpoints.Outgoing(profile, mailbox), sentFolder,
                sentFolder is null ? null : endpoints.Incoming(profile, mailbox),
                SyncBackoff.AfterTransientError(settings, timeout: false), ct));
            MailboxFailures.Succeeded(mailbox, MailboxFailures.Direction.Outgoing);
        }
        catch (MailServerException e)
        {
            logger.LogInformation("Sending for mailbox {Mailbox} failed ({Class}/{Kind}): {Message}", mailbox.Id, e.ErrorClass, e.Kind, e.Message);
            failures.Record(org, profile, mailbox, MailboxFailures.Direction.Outgoing, e);
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
