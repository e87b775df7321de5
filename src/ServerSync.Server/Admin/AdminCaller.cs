using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Tenancy;
using ServerSync.Server.Security;
using ServerSync.Storage;

namespace ServerSync.Server.Admin;

/// <summary>The tenant-level API is for directory people holding one of the named directory roles.</summary>
public static class AdminCaller
{
    public static async Task<DirectoryUser> RequireAsync(ClaimsPrincipal principal, ServerSyncDbContext db, CancellationToken ct, params DirectoryRoles[] anyOf)
    {
        var person = principal.Kind() == ServerSyncClaims.Person
            ? await db.DirectoryUsers.FirstOrDefaultAsync(p => p.Id == principal.SubjectId() && !p.IsDisabled, ct)
            : null;
        if (person is null || !anyOf.Any(r => person.Roles.HasFlag(r)))
            throw ServerSyncException.Forbidden($"This tenant administration call needs one of the directory roles: {string.Join(", ", anyOf)}.");
        return person;
    }
}
