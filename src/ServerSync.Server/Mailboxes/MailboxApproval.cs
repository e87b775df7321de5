using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Approval;
using ServerSync.Domain.Email;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Tenancy;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Mailboxes;

/// <summary>Changing a mailbox's email address status, through PATCH or the bulk action, under rules 16–29.</summary>
public static class MailboxApproval
{
    /// <summary>Checks the caller may set the status, then sets it on the mailbox and its user or queue.</summary>
    public static async Task SetAsync(WebApiContext ctx, Mailbox mailbox, EmailAddressApproval value, CancellationToken ct)
    {
        var profileType = await ProfileTypeAsync(ctx, mailbox, ct);
        var org = await ctx.Db.Organizations.SingleAsync(o => o.EnvironmentId == ctx.Environment.Id, ct);
        ApprovalPolicy.EnsureCanApprove(ctx.Caller, mailbox, ApprovalDeployments.For(ctx.Environment.DeploymentModel, profileType), OrgDbOrgSettings.Parse(org.OrgDbOrgSettings));
        Apply(ctx, mailbox, value);
        await MirrorAsync(ctx, mailbox, ct);
    }

    /// <summary>Sets the status without a permission check (the caller was checked, or the system acts).</summary>
    public static void Apply(WebApiContext ctx, Mailbox mailbox, EmailAddressApproval value)
    {
        mailbox.EmailRouterAccessApproval = (int)value;
        mailbox.IsEmailAddressApprovedByO365Admin = value == EmailAddressApproval.Approved
            && (ctx.Caller.Has(DirectoryRoles.GlobalAdministrator) || ctx.Caller.Has(DirectoryRoles.ExchangeAdministrator));
    }

    /// <summary>The user and queue tables show the same status and address as their mailbox.</summary>
    public static async Task MirrorAsync(WebApiContext ctx, Mailbox mailbox, CancellationToken ct)
    {
        if (mailbox.RegardingObjectTypeCode == "systemuser")
        {
            var user = await ctx.Db.SystemUsers.SingleAsync(u => u.Id == mailbox.RegardingObjectId, ct);
            user.EmailRouterAccessApproval = mailbox.EmailRouterAccessApproval;
            user.InternalEmailAddress = mailbox.EmailAddress;
        }
        else if (mailbox.RegardingObjectTypeCode == "queue")
        {
            var queue = await ctx.Db.Queues.SingleAsync(q => q.Id == mailbox.RegardingObjectId, ct);
            queue.EmailRouterAccessApproval = mailbox.EmailRouterAccessApproval;
            queue.IsEmailAddressApprovedByO365Admin = mailbox.IsEmailAddressApprovedByO365Admin;
            queue.EmailAddress = mailbox.EmailAddress;
        }
    }

    public static async Task<ServerType?> ProfileTypeAsync(WebApiContext ctx, Mailbox mailbox, CancellationToken ct) =>
        mailbox.EmailServerProfileId is { } id
            ? await ctx.Db.EmailServerProfiles.Where(p => p.Id == id).Select(p => (ServerType?)p.ServerType).FirstOrDefaultAsync(ct)
            : null;

    /// <summary>Rule 28 and the Swedish seed: an approval request carries emailrouteraccessapproval alone.</summary>
    public static void EnsureOnlyColumn(IReadOnlySet<string> columns)
    {
        if (columns.Contains("emailrouteraccessapproval") && columns.Count > 1)
            throw ServerSyncException.BadRequest(
                $"emailrouteraccessapproval must be the only column in a request that changes it; this request also sets {string.Join(", ", columns.Where(c => c != "emailrouteraccessapproval").Order())}. Send the approval on its own.");
    }
}
