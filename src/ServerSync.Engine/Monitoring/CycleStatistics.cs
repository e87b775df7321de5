using ServerSync.Domain.Email;
using ServerSync.Domain.Monitoring;
using ServerSync.Engine.Incoming;
using ServerSync.Engine.Outgoing;
using ServerSync.Storage;

namespace ServerSync.Engine.Monitoring;

/// <summary>
/// Collects what one mailbox cycle did, per direction, and adds a mailboxstatistics row for each direction that
/// moved items or failed, so it is saved with the cycle's final state. Scoped: one instance per cycle.
/// </summary>
public sealed class CycleStatistics(ServerSyncDbContext db, EngineOptions options, TimeProvider clock)
{
    private readonly DirectionTally _incoming = new(), _outgoing = new();

    /// <summary>Right after a batch of incoming mail was stored: its counts, and each message's delay from server receipt to now.</summary>
    public void Received(BatchResult result)
    {
        var storedOn = clock.GetUtcNow();
        _incoming.AddItems(result.Processed, result.Failed);
        foreach (var receivedOn in result.ServerReceipts) _incoming.AddLatency(storedOn - receivedOn);
    }

    public void Sent(SendResult result) => _outgoing.AddItems(result.Sent, result.Failed);

    /// <summary>The direction stopped on a mail server error (the row records it as a failed cycle).</summary>
    public void Errored(MailboxOperationType operation) => (operation == MailboxOperationType.IncomingEmail ? _incoming : _outgoing).MarkErrored();

    /// <summary>Adds the cycle's rows to the unit of work; the caller saves them with the mailbox.</summary>
    public void AddRows(Mailbox mailbox)
    {
        var completedOn = clock.GetUtcNow();
        foreach (var (operation, tally) in new[] { (MailboxOperationType.IncomingEmail, _incoming), (MailboxOperationType.OutgoingEmail, _outgoing) })
        {
            if (tally.IsEmpty) continue;
            db.MailboxStatistics.Add(new MailboxStatistics
            {
                Id = Guid.NewGuid(), EnvironmentId = mailbox.EnvironmentId, MailboxId = mailbox.Id, OperationTypeId = (int)operation,
                ItemsProcessed = tally.Processed, ItemsFailed = tally.Failed, ProcessResult = !tally.Errored, MachineName = options.HostId,
                MailboxProcessStartedOn = mailbox.LastSyncStartedOn ?? completedOn, MailboxProcessCompletedOn = completedOn,
                SyncLatencyCount = tally.LatencyCount, SyncLatencyTotalMs = tally.LatencyTotalMs, SyncLatencyMaxMs = tally.LatencyMaxMs,
                CreatedOn = completedOn, ModifiedOn = completedOn,
            });
        }
    }
}
