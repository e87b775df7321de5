using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ServerSync.AdminUi.Auth;

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
    }
}
