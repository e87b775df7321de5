using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace ServerSync.AdminUi.Auth;

/// <summary>The admin center's cookie: encrypted by Data Protection, it carries the user's API access token.</summary>
public static class AdminUiAuth
{
    public const string Scheme = "ServerSync.AdminUi";
    public const string Policy = "ServerSync.AdminUi";
    public const string AccessTokenClaim = "serversync:access_token";
    public const string UpnClaim = "serversync:upn";
    public const string SignInPath = "/admin/signin";

    public static bool IsUiPath(PathString path) =>
        path.StartsWithSegments("/admin") || path.StartsWithSegments("/_blazor");

    public static void ConfigureCookie(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "ServerSync.Admin";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Cookie.Path = "/";
        o.LoginPath = SignInPath;
        o.LogoutPath = "/admin/signout";
        o.AccessDeniedPath = SignInPath;
        o.ReturnUrlParameter = "returnUrl";
        o.SlidingExpiration = false;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
    }

    public static ClaimsPrincipal Principal(string upn, string displayName, string accessToken) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, displayName),
            new Claim(UpnClaim, upn),
            new Claim(AccessTokenClaim, accessToken),
        ], Scheme));

    public static string? AccessToken(this ClaimsPrincipal user) => user.FindFirst(AccessTokenClaim)?.Value;

    public static string? Upn(this ClaimsPrincipal user) => user.FindFirst(UpnClaim)?.Value;

    /// <summary>A return URL is followed only when it stays inside the admin center.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith("/admin", StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.Contains('\\') ? returnUrl : "/admin";
}
