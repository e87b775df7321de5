using ServerSync.Domain.Tenancy;

namespace ServerSync.Domain.Security;

/// <summary>Who is calling, inside one environment: the facts every authorization rule reads.</summary>
public sealed class CallerContext
{
    public required Guid SystemUserId { get; init; }
    public required Guid BusinessUnitId { get; init; }

    /// <summary>The caller's business unit and every unit below it (for Deep depth).</summary>
    public required IReadOnlySet<Guid> BusinessUnitSubtree { get; init; }

    public required IReadOnlySet<Guid> TeamIds { get; init; }

    /// <summary>Roles held directly by the user.</summary>
    public required IReadOnlySet<Guid> DirectRoleTemplateIds { get; init; }

    /// <summary>Roles held directly or through a team.</summary>
    public required IReadOnlySet<Guid> RoleTemplateIds { get; init; }

    /// <summary>Highest depth per privilege name over all the caller's roles.</summary>
    public required IReadOnlyDictionary<string, PrivilegeDepth> Privileges { get; init; }

    public DirectoryRoles DirectoryRoles { get; init; }

    /// <summary>UPN for people; null for application users.</summary>
    public string? UserPrincipalName { get; init; }

    public bool IsSystemAdministrator => RoleTemplateIds.Contains(StandardRoles.SystemAdministrator);

    /// <summary>Rule 21: the role counts only when given to the user, never through a team.</summary>
    public bool IsDelegatedMailboxApprover => DirectRoleTemplateIds.Contains(StandardRoles.DelegatedMailboxApprover);

    public bool Has(DirectoryRoles role) => (DirectoryRoles & role) == role;

    /// <summary>The depth the caller holds a privilege at; System Administrator holds every privilege globally.</summary>
    public PrivilegeDepth? DepthOf(string privilegeName) =>
        IsSystemAdministrator ? PrivilegeDepth.Global
        : Privileges.TryGetValue(privilegeName, out var depth) ? depth : null;

    /// <summary>Whether a privilege held at <paramref name="depth"/> reaches a row with this owner and business unit.</summary>
    public bool Reaches(PrivilegeDepth depth, Guid ownerId, Guid owningBusinessUnitId) => depth switch
    {
        PrivilegeDepth.Global => true,
        PrivilegeDepth.Deep => BusinessUnitSubtree.Contains(owningBusinessUnitId),
        PrivilegeDepth.Local => owningBusinessUnitId == BusinessUnitId,
        _ => ownerId == SystemUserId || TeamIds.Contains(ownerId),
    };
}
