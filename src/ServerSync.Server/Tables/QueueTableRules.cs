using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Email;
using ServerSync.Server.Mailboxes;
using ServerSync.Server.Provisioning;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Tables;

/// <summary>Queues get their mailbox on creation (rule 11) and lose it when deleted.</summary>
public sealed class QueueTableRules(MailboxProvisioner mailboxes) : TableRules<Queue>
{
    public override async Task OnCreatingAsync(WebApiContext ctx, Queue row, IReadOnlySet<string> columns, CancellationToken ct)
    {
        // The queue's mailbox belongs to the queue's owner (reference 1.1).
        var mailbox = await mailboxes.CreateForAsync(ctx.Environment.Id, row.Id, "queue", row.Name, row.EmailAddress,
            row.OwnerId, row.OwnerIdType, row.OwningBusinessUnitId, ctx.Now, ct);
        row.DefaultMailboxId = mailbox.Id;
        row.IncomingEmailDeliveryMethod = mailbox.IncomingEmailDeliveryMethod;
        row.OutgoingEmailDeliveryMethod = mailbox.OutgoingEmailDeliveryMethod;
    }

    public override Task OnUpdatingAsync(WebApiContext ctx, Queue row, Queue before, IReadOnlySet<string> columns, CancellationToken ct) =>
        RegardingMailbox.SyncAsync(ctx, row.DefaultMailboxId, row.EmailAddress, row.IncomingEmailDeliveryMethod, row.OutgoingEmailDeliveryMethod, columns, ct);

    public override async Task OnDeletingAsync(WebApiContext ctx, Queue row, CancellationToken ct)
    {
        if (await ctx.Db.Mailboxes.FirstOrDefaultAsync(m => m.Id == row.DefaultMailboxId, ct) is { } mailbox)
            ctx.Db.Mailboxes.Remove(mailbox);
    }
}
