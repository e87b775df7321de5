using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using OpenIddictErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;
using ServerSync.Domain.Tenancy;
using ServerSync.Server.Security;
using ServerSync.Storage;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ServerSync.Server.Auth;

/// <summary>
/// <c>POST /connect/token</c>: OpenIddict parses and answers the OAuth request; this endpoint only
/// checks the credentials, with the password grant for directory people and client credentials for
/// registered applications.
/// </summary>
public static class TokenEndpoint
{
    public const string Path = "/connect/token";

    public static void MapTokenEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, ExchangeAsync).ExcludeFromDescription();

    private static async Task<IResult> ExchangeAsync(HttpContext http, ServerSyncDbContext db, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenIddict request is missing.");
        if (request.IsPasswordGrantType())
        {
            var upn = (request.Username ?? "").Trim().ToLowerInvariant();
            var person = await db.DirectoryUsers.FirstOrDefaultAsync(p => p.UserPrincipalName == upn, ct);
            if (person is null || person.IsDisabled || !Passwords.Verify(person, request.Password ?? ""))
                return Reject(OpenIddictErrors.InvalidGrant, "The user name or password is incorrect.");
            return SignIn(person.Id, ServerSyncClaims.Person, person.DisplayName);
        }
        if (request.IsClientCredentialsGrantType())
        {
            var app = Guid.TryParse(request.ClientId, out var clientId)
                ? await db.Applications.FirstOrDefaultAsync(a => a.ClientId == clientId, ct)
                : null;
            if (app is null || !Passwords.VerifySecret(app, request.ClientSecret ?? ""))
                return Reject(OpenIddictErrors.InvalidClient, "The client id or client secret is incorrect.");
            return SignIn(app.ClientId, ServerSyncClaims.Application, app.DisplayName);
        }
        return Reject(OpenIddictErrors.UnsupportedGrantType, "Use the password or client_credentials grant.");
    }

    private static IResult SignIn(Guid subject, string kind, string name)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject.ToString());
        identity.SetClaim(Claims.Name, name);
        identity.SetClaim(ServerSyncClaims.PrincipalKind, kind);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Reject(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}

/// <summary>Password and client-secret hashing with ASP.NET Core Identity's PBKDF2 hasher.</summary>
public static class Passwords
{
    private static readonly PasswordHasher<DirectoryUser> PersonHasher = new();
    private static readonly PasswordHasher<ApplicationRegistration> AppHasher = new();

    public static string Hash(DirectoryUser person, string password) => PersonHasher.HashPassword(person, password);

    public static bool Verify(DirectoryUser person, string password) =>
        PersonHasher.VerifyHashedPassword(person, person.PasswordHash, password) != PasswordVerificationResult.Failed;

    public static string HashSecret(ApplicationRegistration app, string secret) => AppHasher.HashPassword(app, secret);

    public static bool VerifySecret(ApplicationRegistration app, string secret) =>
        AppHasher.VerifyHashedPassword(app, app.SecretHash, secret) != PasswordVerificationResult.Failed;

    /// <summary>A random secret for generated passwords and client secrets.</summary>
    public static string Generate() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))
        .Replace('+', '-').Replace('/', '_');
}
