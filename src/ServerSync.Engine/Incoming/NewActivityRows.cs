using ServerSync.Domain.Activities;
using ServerSync.Storage;

namespace ServerSync.Engine.Incoming;

/// <summary>
/// The rows one incoming batch creates. They are written with <see cref="RowInserter"/> inside the caller's
/// transaction, parents first, together with the connector's sync state: a batch is stored whole or not at all.
/// </summary>
public sealed class NewActivityRows
{
    public List<EmailActivity> Emails { get; } = [];
    public List<ActivityParty> Parties { get; } = [];
    public List<ActivityMimeAttachment> Attachments { get; } = [];
    public List<QueueItem> QueueItems { get; } = [];
    public List<EmailHash> Hashes { get; } = [];

    public async Task InsertAsync(ServerSyncDbContext db, CancellationToken ct)
    {
        await db.InsertAsync(Emails, ct);
        await db.InsertAsync(Parties, ct);
        await db.InsertAsync(Attachments, ct);
        await db.InsertAsync(QueueItems, ct);
        await db.InsertAsync(Hashes, ct);
    }
}
