using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Security;
using ServerSync.Server.Mailboxes;
using ServerSync.Server.Provisioning;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Tables;

/// <summary>
/// Users: a directory person (domainname = UPN) or an application (applicationid) joins the environment
/// and gets its mailbox with the org defaults (rule 10) and its settings row.
/// </summary>
public sealed class SystemUserTableRules(MailboxProvisioner mailboxes) : TableRules<SystemUser>
{
    public override async Task OnCreatingAsync(WebApiContext ctx, SystemUser row, IReadOnlySet<string> columns, CancellationToken ct)
    {
        if ((row.DomainName is null) == (row.ApplicationId is null))
            throw ServerSyncException.BadRequest("A system user has either domainname (a person of the tenant directory) or applicationid (a registered application), not both.");
        var users = ctx.Db.SystemUsers.Where(u => u.EnvironmentId == ctx.Environment.Id);
        if (row.DomainName is { } upn)
        {
            var person = await ctx.Db.DirectoryUsers.FirstOrDefaultAsync(p => p.UserPrincipalName == upn.ToLower(), ct)
                ?? throw ServerSyncException.BadRequest($"'{upn}' is not a person in the tenant directory; add them with POST /api/admin/users first.");
            if (await users.AnyAsync(u => u.DirectoryUserId == person.Id, ct))
                throw new ServerSyncException(ErrorKind.Conflict, ErrorCodes.DuplicateRecord, $"'{upn}' is already a user of this environment.");
            row.DomainName = person.UserPrincipalName;
            row.DirectoryUserId = person.Id;
            if (string.IsNullOrEmpty(row.FullName)) row.FullName = person.DisplayName;
            row.InternalEmailAddress ??= person.UserPrincipalName;
        }
        else
        {
            var app = await ctx.Db.Applications.FirstOrDefaultAsync(a => a.ClientId == row.ApplicationId, ct)
                ?? throw ServerSyncException.BadRequest($"No application with client id {row.ApplicationId} is registered in the tenant.");
            if (await users.AnyAsync(u => u.ApplicationId == app.ClientId, ct))
                throw new ServerSyncException(ErrorKind.Conflict, ErrorCodes.DuplicateRecord, $"Application {app.ClientId} already has a user in this environment.");
            if (string.IsNullOrEmpty(row.FullName)) row.FullName = app.DisplayName;
        }
        if (row.BusinessUnitId == Guid.Empty)
            row.BusinessUnitId = await ctx.RootBusinessUnitIdAsync(ct);

        row.TrackingNumber = await users.CountAsync(ct) + 1;
        var mailbox = await mailboxes.CreateForAsync(ctx.Environment.Id, row.Id, "systemuser", row.FullName, row.InternalEmailAddress,
            row.Id, "systemuser", row.BusinessUnitId, ctx.Now, ct);
        row.DefaultMailboxId = mailbox.Id;
        row.IncomingEmailDeliveryMethod = mailbox.IncomingEmailDeliveryMethod;
        row.OutgoingEmailDeliveryMethod = mailbox.OutgoingEmailDeliveryMethod;
        ctx.Db.UserSettings.Add(UserSettings.For(row, ctx.Now));
    }

    public override async Task OnUpdatingAsync(WebApiContext ctx, SystemUser row, SystemUser before, IReadOnlySet<string> columns, CancellationToken ct)
    {
        if (row.DomainName != before.DomainName || row.ApplicationId != before.ApplicationId)
            throw ServerSyncException.BadRequest("domainname and applicationid can't be changed; add a new user instead.");
        await RegardingMailbox.SyncAsync(ctx, row.DefaultMailboxId, row.InternalEmailAddress, row.IncomingEmailDeliveryMethod, row.OutgoingEmailDeliveryMethod, columns, ct);
    }

    public override Task OnDeletingAsync(WebApiContext ctx, SystemUser row, CancellationToken ct) =>
        throw ServerSyncException.BadRequest("System users can't be deleted; set isdisabled to true instead.");
}
