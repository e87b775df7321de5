using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Security;
using ServerSync.Domain.Tenancy;
using ServerSync.Storage;

namespace ServerSync.Server.Security;

/// <summary>Turns an authenticated principal into the <see cref="CallerContext"/> of one environment.</summary>
public sealed class CallerResolver(ServerSyncDbContext db)
{
    /// <summary>The environment named in a request's path (404 when there is none) and the caller inside it.</summary>
    public async Task<(CrmEnvironment Environment, CallerContext Caller)> ResolveAsync(ClaimsPrincipal principal, string environmentName, CancellationToken ct)
    {
        var environment = await db.Environments.AsNoTracking().FirstOrDefaultAsync(e => e.Name == environmentName, ct)
            ?? throw ServerSyncException.NotFound($"There is no environment named '{environmentName}'.", ErrorCodes.UnknownSegment);
        return (environment, await ResolveAsync(principal, environment, ct));
    }

    public async Task<CallerContext> ResolveAsync(ClaimsPrincipal principal, CrmEnvironment environment, CancellationToken ct)
    {
        var subject = principal.SubjectId();
        var users = db.SystemUsers.Where(u => u.EnvironmentId == environment.Id);
        DirectoryUser? person = null;
        SystemUser? user;
        if (principal.Kind() == ServerSyncClaims.Application)
        {
            user = await users.FirstOrDefaultAsync(u => u.ApplicationId == subject, ct);
        }
        else
        {
            person = await db.DirectoryUsers.FirstOrDefaultAsync(p => p.Id == subject && !p.IsDisabled, ct);
            user = person is null ? null : await users.FirstOrDefaultAsync(u => u.DirectoryUserId == person.Id, ct);
        }
        if (user is null || user.IsDisabled)
            throw ServerSyncException.Forbidden($"The caller is not an enabled user of the environment '{environment.Name}'.", "0x8004d24b");

        return await BuildAsync(user, person, ct);
    }

    /// <summary>Builds the context of a known system user (also used by background work acting for a user).</summary>
    public async Task<CallerContext> BuildAsync(SystemUser user, DirectoryUser? person, CancellationToken ct)
    {
        var env = user.EnvironmentId;
        var teamIds = await db.TeamMemberships.Where(m => m.EnvironmentId == env && m.SystemUserId == user.Id)
            .Select(m => m.TeamId).ToListAsync(ct);
        var directRoleIds = await db.SystemUserRoles.Where(r => r.EnvironmentId == env && r.SystemUserId == user.Id)
            .Select(r => r.RoleId).ToListAsync(ct);
        var teamRoleIds = await db.TeamRoles.Where(r => r.EnvironmentId == env && teamIds.Contains(r.TeamId))
            .Select(r => r.RoleId).ToListAsync(ct);
        var allRoleIds = directRoleIds.Concat(teamRoleIds).Distinct().ToList();
        var roles = await db.Roles.Where(r => r.EnvironmentId == env && allRoleIds.Contains(r.Id))
            .Select(r => new { r.Id, r.RoleTemplateId }).ToListAsync(ct);
        var grants = await (from rp in db.RolePrivileges
                            join p in db.Privileges on rp.PrivilegeId equals p.Id
                            where rp.EnvironmentId == env && allRoleIds.Contains(rp.RoleId)
                            select new { p.Name, rp.Depth }).ToListAsync(ct);
        var units = await db.BusinessUnits.Where(b => b.EnvironmentId == env)
            .Select(b => new { b.Id, b.ParentBusinessUnitId }).ToListAsync(ct);

        var subtree = new HashSet<Guid> { user.BusinessUnitId };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var unit in units.Where(u => u.ParentBusinessUnitId is { } parent && subtree.Contains(parent)))
                grew |= subtree.Add(unit.Id);
        }

        return new CallerContext
        {
            SystemUserId = user.Id,
            BusinessUnitId = user.BusinessUnitId,
            BusinessUnitSubtree = subtree,
            TeamIds = teamIds.ToHashSet(),
            DirectRoleTemplateIds = roles.Where(r => directRoleIds.Contains(r.Id) && r.RoleTemplateId is not null).Select(r => r.RoleTemplateId!.Value).ToHashSet(),
            RoleTemplateIds = roles.Where(r => r.RoleTemplateId is not null).Select(r => r.RoleTemplateId!.Value).ToHashSet(),
            Privileges = grants.GroupBy(g => g.Name).ToDictionary(g => g.Key, g => g.Max(x => x.Depth)),
            DirectoryRoles = person?.Roles ?? DirectoryRoles.None,
            UserPrincipalName = person?.UserPrincipalName,
        };
    }
}
