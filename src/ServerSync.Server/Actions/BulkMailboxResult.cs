using ServerSync.Domain.Errors;

namespace ServerSync.Server.Actions;

/// <summary>What a bulk mailbox action did to one mailbox.</summary>
public sealed record BulkMailboxResult(Guid MailboxId, bool Succeeded, string Message, string? ErrorCode = null)
{
    public static BulkMailboxResult Failed(Guid id, ServerSyncException e) => new(id, false, e.Message, e.Code);
}
