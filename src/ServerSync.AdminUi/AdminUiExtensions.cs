using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;
using ServerSync.AdminUi.Api;
using ServerSync.AdminUi.Auth;
using ServerSync.AdminUi.Components;

namespace ServerSync.AdminUi;

/// <summary>
/// Registers the admin center under <c>/admin</c>.
/// <para>
/// Rendering: Blazor <b>interactive server</b> (no prerendering) for every page but sign-in, so the Fluent UI
/// data grid, dialogs and tabs work as designed and every command runs in the circuit. The circuit is opened by
/// the page itself (Blazor's data-protected component descriptors) and the UI cookie is SameSite=Strict, so a
/// foreign site can neither post into it nor start one. The only HTTP forms (sign-in, sign-out) are static SSR
/// forms validated by ASP.NET Core antiforgery.
/// </para>
/// <para>
/// Authorization: the UI cookie (its own scheme; the API's default bearer scheme is untouched and never accepts
/// the cookie) holds the user's access token from <c>POST /connect/token</c>. Every page action calls the same
/// Web API with that bearer token, so what the UI may do is exactly what the API allows.
/// </para>
/// </summary>
public static class AdminUiExtensions
{
    public const string BasePath = "/admin";

    public static WebApplicationBuilder AddServerSyncAdminUi(this WebApplicationBuilder builder)
    {
        // Serves the component library's files from the build output in every environment (a no-op once published).
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddFluentUIComponents();
        services.AddCascadingAuthenticationState();
        services.AddAuthentication().AddCookie(AdminUiAuth.Scheme, AdminUiAuth.ConfigureCookie);
        // Pages name this policy; it authenticates with the UI cookie only (components can't name a scheme themselves).
        services.AddAuthorizationBuilder().AddPolicy(AdminUiAuth.Policy, p => p.AddAuthenticationSchemes(AdminUiAuth.Scheme).RequireAuthenticatedUser());
        services.AddHttpClient(ServerSyncApi.HttpClientName);
        services.AddScoped<ServerSyncApi>();
        services.AddSingleton<SignInForwarding>();
        return builder;
    }

    /// <summary>After UseAuthentication/UseAuthorization: the UI cookie for the UI's own paths, then antiforgery.</summary>
    public static WebApplication UseServerSyncAdminUi(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (AdminUiAuth.IsUiPath(http.Request.Path)) AdminUiHeaders.Add(http.Response.Headers);
            // Only the UI's pages and its circuit read the cookie; the API stays bearer-only (no CSRF surface there).
            if (AdminUiAuth.IsUiPath(http.Request.Path) && http.User.Identity?.IsAuthenticated != true)
            {
                var result = await http.AuthenticateAsync(AdminUiAuth.Scheme);
                if (result.Succeeded) http.User = result.Principal;
            }
            await next(http);
        });
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapServerSyncAdminUi(this WebApplication app)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{app.Environment.ApplicationName}.staticwebassets.endpoints.json");
        if (File.Exists(manifest)) app.MapStaticAssets(manifest);
        else app.UseStaticFiles();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdminUiEndpoints();
        return app;
    }
}
