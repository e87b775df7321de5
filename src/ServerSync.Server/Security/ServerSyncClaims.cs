using System.Security.Claims;
using OpenIddict.Abstractions;

namespace ServerSync.Server.Security;

/// <summary>The claims ServerSync puts in its access tokens.</summary>
public static class ServerSyncClaims
{
    /// <summary>"person" for directory people, "application" for client-credential callers.</summary>
    public const string PrincipalKind = "serversync_kind";

    /// <summary>The directory user's security stamp when the token was issued (see SecurityStampValidation).</summary>
    public const string SecurityStamp = "serversync_stamp";

    public const string Person = "person";
    public const string Application = "application";

    public static string Kind(this ClaimsPrincipal user) => user.FindFirstValue(PrincipalKind) ?? "";

    /// <summary>Directory user id for people, client id for applications.</summary>
    public static Guid SubjectId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(OpenIddictConstants.Claims.Subject), out var id) ? id : Guid.Empty;
}
