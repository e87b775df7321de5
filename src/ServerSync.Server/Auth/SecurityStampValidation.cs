using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using ServerSync.Server.Security;
using ServerSync.Storage;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace ServerSync.Server.Auth;

/// <summary>
/// Revocation: a person's access token is accepted only while its security stamp is the directory user's current
/// one and the user is enabled, so a password change or disabling ends earlier tokens at their next request.
/// </summary>
public sealed class SecurityStampValidation(ServerSyncDbContext db) : IOpenIddictValidationHandler<ProcessAuthenticationContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseScopedHandler<SecurityStampValidation>()
            .SetOrder(int.MaxValue - 100_000) // after OpenIddict has validated the token itself
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.AccessTokenPrincipal is not { } principal || principal.Kind() != ServerSyncClaims.Person) return;
        var id = principal.SubjectId();
        var stamp = principal.GetClaim(ServerSyncClaims.SecurityStamp);
        var person = await db.DirectoryUsers.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.SecurityStamp, p.IsDisabled }).FirstOrDefaultAsync(context.CancellationToken);
        if (person is null || person.IsDisabled || string.IsNullOrEmpty(stamp) || person.SecurityStamp != stamp)
            context.Reject(OpenIddictConstants.Errors.InvalidToken,
                "The access token is no longer valid: the password was changed or the account disabled. Sign in again.");
    }
}
