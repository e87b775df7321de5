using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Email;
using ServerSync.Server.Tables;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Mailboxes;

/// <summary>Keeps a user's or queue's mailbox in step when the address or delivery methods change on the user or queue.</summary>
public static class RegardingMailbox
{
    private static readonly string[] DeliveryColumns = ["incomingemaildeliverymethod", "outgoingemaildeliverymethod"];

    public static async Task SyncAsync(WebApiContext ctx, Guid? mailboxId, string? emailAddress, int incoming, int outgoing, IReadOnlySet<string> columns, CancellationToken ct)
    {
        if (mailboxId is null) return;
        var mailbox = await ctx.Db.Mailboxes.SingleAsync(m => m.Id == mailboxId, ct);
        if (DeliveryColumns.Any(columns.Contains))
        {
            MailboxTableRules.EnsureDeliveryRights(ctx, columns.Where(DeliveryColumns.Contains).ToHashSet());
            mailbox.IncomingEmailDeliveryMethod = incoming;
            mailbox.OutgoingEmailDeliveryMethod = outgoing;
        }
        if (!string.Equals(mailbox.EmailAddress, emailAddress, StringComparison.OrdinalIgnoreCase))
        {
            mailbox.EmailAddress = emailAddress;
            MailboxApproval.Apply(ctx, mailbox, EmailAddressApproval.PendingApproval);
        }
        mailbox.VersionNumber++;
        mailbox.ModifiedOn = ctx.Now;
        await MailboxApproval.MirrorAsync(ctx, mailbox, ct);
    }
}
