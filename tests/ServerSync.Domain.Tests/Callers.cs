using ServerSync.Domain.Security;
using ServerSync.Domain.Tenancy;

namespace ServerSync.Domain.Tests;

/// <summary>Builds callers with exactly the roles and privileges a test names.</summary>
internal static class Callers
{
    public static CallerContext With(DirectoryRoles directory = DirectoryRoles.None, Guid[]? roles = null, Guid[]? teamRoles = null,
        Dictionary<string, PrivilegeDepth>? privileges = null, string? upn = "person@example.test")
    {
        var direct = (roles ?? []).ToHashSet();
        return new CallerContext
        {
            SystemUserId = Guid.NewGuid(),
            BusinessUnitId = Guid.NewGuid(),
            BusinessUnitSubtree = new HashSet<Guid>(),
            TeamIds = new HashSet<Guid>(),
            DirectRoleTemplateIds = direct,
            RoleTemplateIds = direct.Concat(teamRoles ?? []).ToHashSet(),
            Privileges = privileges ?? [],
            DirectoryRoles = directory,
            UserPrincipalName = upn,
        };
    }
}
