using System.Data.Common;
using Microsoft.Extensions.Logging;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Email;
using ServerSync.Domain.Monitoring;
using ServerSync.Engine.Alerts;
using ServerSync.Storage;

namespace ServerSync.Engine.Incoming;

/// <summary>
/// Stores a parsed batch and the sync state after it together, so a batch is stored whole or not at all; a clash with
/// another mailbox storing the same message is retried once. A batch the store still refuses because of its data is
/// stored message by message, so the one refused message is skipped with an alert instead of stopping the mailbox.
/// Unreadable messages get their alert here too, saved with the batch, so each is written exactly once.
/// </summary>
public sealed class BatchStore(ServerSyncDbContext db, IncomingPipeline pipeline, AlertWriter alerts, ILogger<BatchStore> logger)
{
    /// <param name="unavailable">Server ids of messages the connector gave up on (listed, but never returned): alerted, counted as failed.</param>
    public async Task<BatchResult> StoreAsync(Mailbox mailbox, MailboxOwner owner, Organization org, ParsedBatch parsed, IReadOnlyList<string> unavailable,
        string nextState, string key, CancellationToken ct)
    {
        // Saved with the batch, so an alert is written exactly when its message is passed over.
        foreach (var unreadable in parsed.Unreadable)
            alerts.OnMailbox(org, mailbox, TraceLevel.Error,
                $"An email in mailbox {mailbox.Name} ({unreadable.ServerId}) could not be read as MIME and was skipped: {unreadable.Reason} It stays in the mailbox on the mail server.");
        foreach (var serverId in unavailable)
            alerts.OnMailbox(org, mailbox, TraceLevel.Error,
                $"An email in mailbox {mailbox.Name} ({serverId}) was skipped: the mail server lists it but did not return its content, however often it was asked. It stays in the mailbox on the mail server.");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                mailbox.IncomingSyncState = nextState;
                mailbox.IncomingSyncStateKey = key;
                var result = await StoreRowsAsync(mailbox, owner, org, parsed, withTrackedChanges: true, ct);
                return result with { Failed = result.Failed + unavailable.Count };
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
                return result with { Failed = result.Failed + unavailable.Count };
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
                    stored.Add(await StoreRowsAsync(mailbox, owner, org, new ParsedBatch([mail], []), withTrackedChanges: false, ct));
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
    private async Task<BatchResult> StoreRowsAsync(Mailbox mailbox, MailboxOwner owner, Organization org, ParsedBatch parsed, bool withTrackedChanges, CancellationToken ct)
    {
        var rows = new NewActivityRows();
        BatchResult result;
        await using (await SerialLookups.BeginAsync(db, ct))
            result = await pipeline.ProcessAsync(mailbox, owner, org, parsed, rows, ct);
        await using var tx = await RefetchableTransaction.BeginAsync(db, ct);
        await rows.InsertAsync(db, ct);
        if (withTrackedChanges) await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result;
    }
}
