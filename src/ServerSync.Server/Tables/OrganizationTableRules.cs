using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Approval;
using ServerSync.Domain.Email;
using ServerSync.Domain.Errors;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Tables;

/// <summary>The organization row: exists once per environment; its email settings are validated.</summary>
public sealed class OrganizationTableRules : TableRules<Organization>
{
    public override Task OnCreatingAsync(WebApiContext ctx, Organization row, IReadOnlySet<string> columns, CancellationToken ct) =>
        throw ServerSyncException.BadRequest("The organization row is created with the environment.");

    public override Task OnDeletingAsync(WebApiContext ctx, Organization row, CancellationToken ct) =>
        throw ServerSyncException.BadRequest("The organization row can't be deleted.");

    public override async Task OnUpdatingAsync(WebApiContext ctx, Organization row, Organization before, IReadOnlySet<string> columns, CancellationToken ct)
    {
        Parse(() => DefaultEmailSettings.Parse(row.DefaultEmailSettings));
        Parse(() => OrgDbOrgSettings.Parse(row.OrgDbOrgSettings));
        var turnsOffApproval = (before.RequireApprovalForUserEmail && !row.RequireApprovalForUserEmail)
            || (before.RequireApprovalForQueueEmail && !row.RequireApprovalForQueueEmail);
        if (turnsOffApproval)
        {
            // Rule 29: only those who may approve (rule 24) may stop requiring approval. [gap] The row is chosen
            // by the org's default profile, since the switch covers all of the org's mailboxes.
            var defaultType = row.DefaultEmailServerProfileId is { } id
                ? await ctx.Db.EmailServerProfiles.Where(p => p.Id == id).Select(p => (ServerType?)p.ServerType).FirstOrDefaultAsync(ct)
                : null;
            if (!ApprovalPolicy.CanApproveOthers(ctx.Caller, ApprovalDeployments.For(ctx.Environment.DeploymentModel, defaultType)))
                throw ServerSyncException.Forbidden("Only a user who may approve email addresses can turn off \"Process emails only for approved users/queues\". " + ApprovalPolicy.NotAllowedMessage);
        }
        if (row.DefaultEmailServerProfileId is { } profileId && profileId != before.DefaultEmailServerProfileId
            && !await ctx.Db.EmailServerProfiles.AnyAsync(p => p.Id == profileId && p.StateCode == (int)ActiveState.Active, ct))
            throw ServerSyncException.BadRequest("The default email server profile must be an active profile.");
        if (row.TrackingPrefix.Length is < 1 or > 20)
            throw ServerSyncException.BadRequest("trackingprefix is 1 to 20 characters.");
    }

    private static void Parse(Action parse)
    {
        try { parse(); }
        catch (FormatException e) { throw ServerSyncException.BadRequest(e.Message); }
    }
}
