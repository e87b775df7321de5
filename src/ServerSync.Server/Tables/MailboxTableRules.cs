using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Email;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Security;
using ServerSync.Server.Mailboxes;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Tables;

/// <summary>Mailbox writes: approval alone (rule 28), delivery methods by admins (rule 13), Test &amp; Enable scheduling.</summary>
public sealed class MailboxTableRules : TableRules<Mailbox>
{
    private static readonly string[] DeliveryColumns =
        ["incomingemaildeliverymethod", "outgoingemaildeliverymethod", "actdeliverymethod", "_emailserverprofile_value"];

    public override async Task OnCreatingAsync(WebApiContext ctx, Mailbox row, IReadOnlySet<string> columns, CancellationToken ct)
    {
        // Mailboxes of users and queues come with their user or queue (rules 10-11); by hand only forward mailboxes.
        if (!row.IsForwardMailbox)
            throw ServerSyncException.BadRequest("Only forward mailboxes (isforwardmailbox true) are created directly; a user's or queue's mailbox is created with the user or queue.");
        if (columns.Contains("emailrouteraccessapproval"))
            throw ServerSyncException.BadRequest("emailrouteraccessapproval can't be set on create; approve the mailbox afterwards.");
        row.EmailRouterAccessApproval = (int)EmailAddressApproval.PendingApproval;
        EnsureDeliveryRights(ctx, columns);
        MailboxRules.Validate(row, await ActiveProfileTypeAsync(ctx, row, ct));
        if (row.TestEmailConfigurationScheduled)
            await TestAndEnableScheduler.ScheduleAsync(ctx, [row], null, ct);
    }

    public override async Task OnUpdatingAsync(WebApiContext ctx, Mailbox row, Mailbox before, IReadOnlySet<string> columns, CancellationToken ct)
    {
        MailboxApproval.EnsureOnlyColumn(columns);
        if (columns.Contains("emailrouteraccessapproval"))
        {
            var value = (EmailAddressApproval)row.EmailRouterAccessApproval;
            row.EmailRouterAccessApproval = before.EmailRouterAccessApproval;
            await MailboxApproval.SetAsync(ctx, row, value, ct);
            return;
        }
        if (row.IsForwardMailbox != before.IsForwardMailbox)
            throw ServerSyncException.BadRequest("isforwardmailbox can't be changed after the mailbox is created.");
        EnsureDeliveryRights(ctx, columns);
        if (!string.Equals(row.EmailAddress, before.EmailAddress, StringComparison.OrdinalIgnoreCase))
        {
            // A new address has not been approved by anyone.
            MailboxApproval.Apply(ctx, row, EmailAddressApproval.PendingApproval);
        }
        MailboxRules.Validate(row, await ActiveProfileTypeAsync(ctx, row, ct));
        await MailboxApproval.MirrorAsync(ctx, row, ct);
        if (row.TestEmailConfigurationScheduled && !before.TestEmailConfigurationScheduled)
            await TestAndEnableScheduler.ScheduleAsync(ctx, [row], null, ct);
    }

    public override Task OnDeletingAsync(WebApiContext ctx, Mailbox row, CancellationToken ct)
    {
        if (row.RegardingObjectId is not null)
            throw ServerSyncException.BadRequest($"The mailbox of a {row.RegardingObjectTypeCode} is deleted with it, not on its own.");
        return Task.CompletedTask;
    }

    /// <summary>Rule 13: setting profile and delivery methods needs Read and Write on Mailbox plus admin rights (System Administrator).</summary>
    public static void EnsureDeliveryRights(WebApiContext ctx, IReadOnlySet<string> columns)
    {
        if (!DeliveryColumns.Any(columns.Contains)) return;
        var table = ctx.Catalog.Get(typeof(Mailbox));
        TableAccess.Require(ctx.Caller, AccessRight.Read, table);
        TableAccess.Require(ctx.Caller, AccessRight.Write, table);
        if (!ctx.Caller.IsSystemAdministrator)
            throw ServerSyncException.Forbidden("Setting a mailbox's server profile and delivery methods needs the System Administrator role in addition to Read and Write on Mailbox.");
    }

    private static async Task<ServerType?> ActiveProfileTypeAsync(WebApiContext ctx, Mailbox row, CancellationToken ct)
    {
        if (row.EmailServerProfileId is not { } id) return null;
        var profile = await ctx.Db.EmailServerProfiles.Where(p => p.Id == id).Select(p => new { p.ServerType, p.StateCode }).SingleAsync(ct);
        if (profile.StateCode != (int)ActiveState.Active)
            throw ServerSyncException.BadRequest("The email server profile is inactive; choose an active profile.");
        return (ServerType)profile.ServerType;
    }
}
