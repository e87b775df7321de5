using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Approval;
using ServerSync.Domain.Email;
using ServerSync.Server.Security;
using ServerSync.Storage;

namespace ServerSync.Server.AdminCenter;

/// <summary>What the admin center (src/ServerSync.AdminUi) needs from the store beyond the Web API, answered here so the UI talks to the API only.</summary>
public static class AdminCenterEndpoints
{
    public const string MailboxCommands = "/api/ui/environments/{environment}/mailbox-commands";

    public static void MapAdminCenterApi(this IEndpointRouteBuilder app)
    {
        // Rule 18 needs the caller's own privileges, which a plain user (Basic User: no prvReadRole) can't read
        // through the roles API. This read-only endpoint answers with the domain rule itself, for the bearer caller,
        // who must be an enabled user of the environment (as for the environment's Web API).
        app.MapGet(MailboxCommands, async (string environment, HttpContext http, ServerSyncDbContext db, CallerResolver callers, CancellationToken ct) =>
        {
            var (env, caller) = await callers.ResolveAsync(http.User, environment, ct);
            var org = await db.Organizations.AsNoTracking().SingleAsync(o => o.EnvironmentId == env.Id, ct);
            var settings = OrgDbOrgSettings.Parse(org.OrgDbOrgSettings);
            return Results.Ok(new { approveEmail = ApprovalPolicy.IsApproveCommandVisible(caller, settings) });
        }).RequireAuthorization().ExcludeFromDescription();
    }
}
