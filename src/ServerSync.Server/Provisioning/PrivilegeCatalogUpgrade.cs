using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Security;
using ServerSync.Storage;

namespace ServerSync.Server.Provisioning;

/// <summary>
/// Brings every environment's privileges up to the current catalog after an upgrade added a table (mailboxstatistics):
/// the missing privileges are created and given to System Administrator at Global depth, as a new environment has them,
/// and the Basic User role gets the standard grants it lacks (Append To, enforced since Append / AppendTo are checked).
/// </summary>
public sealed class PrivilegeCatalogUpgrade(ServerSyncDbContext db, TimeProvider clock)
{
    /// <returns>How many privileges and Basic User grants were added over all environments.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var catalog = PrivilegeCatalog.For(ServerSyncDbContext.DataverseTables);
        var added = 0;
        foreach (var env in await db.Environments.Select(e => e.Id).ToListAsync(ct))
        {
            var existing = await db.Privileges.Where(p => p.EnvironmentId == env).Select(p => p.Name).ToListAsync(ct);
            var missing = EnvironmentProvisioner.PrivilegeRows(env, catalog.Where(p => !existing.Contains(p.Name)), clock.GetUtcNow());
            added += await AddBasicUserGrantsAsync(env, missing, ct);
            if (missing.Count == 0) continue;
            db.Privileges.AddRange(missing);
            var administrators = await db.Roles.Where(r => r.EnvironmentId == env && r.RoleTemplateId == StandardRoles.SystemAdministrator).Select(r => r.Id).ToListAsync(ct);
            foreach (var role in administrators)
                db.RolePrivileges.AddRange(missing.Select(p => new RolePrivilege { EnvironmentId = env, RoleId = role, PrivilegeId = p.Id, Depth = PrivilegeDepth.Global }));
            added += missing.Count;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <returns>How many grants were given to the environment's Basic User role.</returns>
    private async Task<int> AddBasicUserGrantsAsync(Guid env, List<Privilege> created, CancellationToken ct)
    {
        var role = await db.Roles.Where(r => r.EnvironmentId == env && r.RoleTemplateId == StandardRoles.BasicUser).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        if (role is null) return 0;
        var held = await (from rp in db.RolePrivileges join p in db.Privileges on rp.PrivilegeId equals p.Id
                          where rp.RoleId == role select p.Name).ToListAsync(ct);
        var grants = EnvironmentProvisioner.BasicUserGrants.Where(g => !held.Contains(g.Privilege)).ToList();
        foreach (var (privilege, depth) in grants)
            db.RolePrivileges.Add(new RolePrivilege { EnvironmentId = env, RoleId = role.Value, PrivilegeId = PrivilegeCatalog.IdFor(env, privilege), Depth = depth });
        return grants.Count;
    }
}
