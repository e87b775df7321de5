using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServerSync.Domain.Approval;
using ServerSync.Domain.Email;
using ServerSync.Domain.Errors;
using ServerSync.Storage;

namespace ServerSync.AdminUi.Auth;

internal static class AdminUiEndpointRoutes
{
    public const string MailboxCommands = "/api/ui/environments/{environment}/mailbox-commands";
}

public static class AdminUiEndpointExtensions
{
    public static void MapAdminUiEndpoints(this IEndpointRouteBuilder app)
    {
        // Sign-out is a POST with an antiforgery token, so no other site can sign the user out.
        app.MapPost("/admin/signout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.BadRequest(new { error = new { code = "0x80040203", message = "The sign-out form is missing its antiforgery token." } });
            await http.SignOutAsync(AdminUiAuth.Scheme);
            return Results.Redirect(AdminUiAuth.SignInPath);
        }).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();

        // Rule 18 needs the caller's own privileges, which a plain user (Basic User: no prvReadRole) can't read
        // through the roles API. This read-only endpoint answers with the domain rule itself, for the bearer caller.
        app.MapGet(AdminUiEndpointRoutes.MailboxCommands, async (string environment, HttpContext http, ServerSyncDbContext db,
            CallerContextResolver resolve, CancellationToken ct) =>
        {
            var env = await db.Environments.AsNoTracking().FirstOrDefaultAsync(e => e.Name == environment, ct)
                ?? throw ServerSyncException.NotFound($"There is no environment named '{environment}'.", ErrorCodes.UnknownSegment);
            var caller = await resolve(http.RequestServices, http.User, env, ct);
            var org = await db.Organizations.AsNoTracking().SingleAsync(o => o.EnvironmentId == env.Id, ct);
            var settings = OrgDbOrgSettings.Parse(org.OrgDbOrgSettings);
            return Results.Ok(new { approveEmail = ApprovalPolicy.IsApproveCommandVisible(caller, settings) });
        }).RequireAuthorization().ExcludeFromDescription();
    }
}
