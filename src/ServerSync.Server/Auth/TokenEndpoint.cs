using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using OpenIddictErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;
using ServerSync.AdminUi.Auth;
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

    private static async Task<IResult> ExchangeAsync(HttpContext http, ServerSyncDbContext db, SignInLockouts lockouts,
        ClientAddressThrottle throttle, SignInForwarding forwarding, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenIddict request is missing.");
        var address = forwarding.ClientAddressOf(http);
        if (throttle.RetryAfter(address) is { } wait) return TooManyFailures(http, wait);
        if (request.IsPasswordGrantType())
        {
            var upn = (request.Username ?? "").Trim().ToLowerInvariant();
            if (await lockouts.LockedUntilAsync(upn, ct) is { } until)
                return Reject(OpenIddictErrors.InvalidGrant, $"The account is locked after {SignInLockouts.MaxFailures} failed sign-ins. " +
                    $"Try again after {until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, or ask a Global administrator to unlock it.");
            var person = upn.Length <= SignInLockouts.MaxUserNameLength
                ? await db.DirectoryUsers.FirstOrDefaultAsync(p => p.UserPrincipalName == upn, ct)
                : null;
            // Hashes for unknown names too, so the answer's timing doesn't tell which accounts exist.
            var passwordMatches = Passwords.Verify(person, request.Password ?? "");
            if (person is null || person.IsDisabled || !passwordMatches)
            {
                throttle.RecordFailure(address);
                await lockouts.RecordFailureAsync(upn, ct);
                return Reject(OpenIddictErrors.InvalidGrant, "The user name or password is incorrect.");
            }
            await lockouts.ClearAsync(upn, ct);
            if (person.SecurityStamp.Length == 0)
            {
                person.SecurityStamp = Passwords.NewSecurityStamp();
                await db.SaveChangesAsync(ct);
            }
            return SignIn(person.Id, ServerSyncClaims.Person, person.DisplayName, person.SecurityStamp);
        }
        if (request.IsClientCredentialsGrantType())
        {
            var app = Guid.TryParse(request.ClientId, out var clientId)
                ? await db.Applications.FirstOrDefaultAsync(a => a.ClientId == clientId, ct)
                : null;
            if (app is null || !Passwords.VerifySecret(app, request.ClientSecret ?? ""))
            {
                throttle.RecordFailure(address);
                return Reject(OpenIddictErrors.InvalidClient, "The client id or client secret is incorrect.");
            }
            return SignIn(app.ClientId, ServerSyncClaims.Application, app.DisplayName, null);
        }
        return Reject(OpenIddictErrors.UnsupportedGrantType, "Use the password or client_credentials grant.");
    }

    /// <summary>429 in OAuth's error format, with Retry-After.</summary>
    private static IResult TooManyFailures(HttpContext http, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(new Dictionary<string, string>
        {
            ["error"] = "temporarily_unavailable",
            ["error_description"] = $"Too many failed sign-ins from this address ({ClientAddressThrottle.MaxFailures} in " +
                $"{ClientAddressThrottle.Window.TotalMinutes:0} minutes). Try again in {seconds} seconds.",
        }, statusCode: StatusCodes.Status429TooManyRequests);
    }

    private static IResult SignIn(Guid subject, string kind, string name, string? securityStamp)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject.ToString());
        identity.SetClaim(Claims.Name, name);
        identity.SetClaim(ServerSyncClaims.PrincipalKind, kind);
        if (securityStamp is not null) identity.SetClaim(ServerSyncClaims.SecurityStamp, securityStamp);
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

    /// <summary>A hash of a random password, checked for unknown user names so they cost the same time as known ones.</summary>
    private static readonly Lazy<(DirectoryUser Person, string Hash)> Dummy = new(() =>
    {
        var nobody = new DirectoryUser();
        return (nobody, PersonHasher.HashPassword(nobody, Generate()));
    });

    public static string Hash(DirectoryUser person, string password) => PersonHasher.HashPassword(person, password);

    /// <summary>Whether the password is the person's; for no person, the same work against a dummy hash, and false.</summary>
    public static bool Verify(DirectoryUser? person, string password)
    {
        var (who, hash) = person is null ? Dummy.Value : (person, person.PasswordHash);
        return PersonHasher.VerifyHashedPassword(who, hash, password) != PasswordVerificationResult.Failed && person is not null;
    }

    public static string NewSecurityStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public static string HashSecret(ApplicationRegistration app, string secret) => AppHasher.HashPassword(app, secret);

    public static bool VerifySecret(ApplicationRegistration app, string secret) =>
        AppHasher.VerifyHashedPassword(app, app.SecretHash, secret) != PasswordVerificationResult.Failed;

    /// <summary>A random secret for generated passwords and client secrets.</summary>
    public static string Generate() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))
        .Replace('+', '-').Replace('/', '_');
}
