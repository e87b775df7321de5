using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Approval;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Metadata;
using ServerSync.Domain.Security;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Actions;

/// <summary>
/// The many-to-many relationships: systemuserroles_association, teamroles_association and
/// teammembership_association, read with GET and changed with <c>$ref</c> as in Dataverse.
/// </summary>
public static class Associations
{
    public static bool IsKnown(string table, string navigation) => (table, navigation) switch
    {
        ("systemusers", "systemuserroles_association") or ("teams", "teamroles_association")
            or ("teams", "teammembership_association") or ("systemusers", "teammembership_association") => true,
        _ => false,
    };

    public static async Task<IResult> ListAsync(WebApiContext ctx, string table, Guid id, string navigation, CancellationToken ct)
    {
        var env = ctx.Environment.Id;
        await EnsureSourceAsync(ctx, table, id, ct);
        switch (navigation)
        {
            case "systemuserroles_association":
                return Rows(ctx, typeof(Role), await ctx.Db.Roles.Where(r => ctx.Db.SystemUserRoles.Any(a => a.SystemUserId == id && a.RoleId == r.Id)).ToListAsync(ct));
            case "teamroles_association":
                return Rows(ctx, typeof(Role), await ctx.Db.Roles.Where(r => ctx.Db.TeamRoles.Any(a => a.TeamId == id && a.RoleId == r.Id)).ToListAsync(ct));
            case "teammembership_association" when table == "teams":
                return Rows(ctx, typeof(SystemUser), await ctx.Db.SystemUsers.Where(u => ctx.Db.TeamMemberships.Any(m => m.TeamId == id && m.SystemUserId == u.Id)).ToListAsync(ct));
            default:
                return Rows(ctx, typeof(Team), await ctx.Db.Teams.Where(t => t.EnvironmentId == env && ctx.Db.TeamMemberships.Any(m => m.SystemUserId == id && m.TeamId == t.Id)).ToListAsync(ct));
        }
    }

    public static async Task<IResult> AssociateAsync(WebApiContext ctx, string table, Guid id, string navigation, JsonObject body, CancellationToken ct)
    {
        var reference = body["@odata.id"]?.ToString() ?? throw ServerSyncException.BadRequest("The body needs \"@odata.id\": \"…/<entityset>(<id>)\".");
        var (set, otherId) = ParseReference(reference);
        await ChangeAsync(ctx, table, id, navigation, set, otherId, add: true, ct);
        return Results.NoContent();
    }

    public static async Task<IResult> DisassociateAsync(WebApiContext ctx, string table, Guid id, string navigation, Guid otherId, CancellationToken ct)
    {
        var set = navigation.EndsWith("roles_association") ? "roles" : table == "teams" ? "systemusers" : "teams";
        await ChangeAsync(ctx, table, id, navigation, set, otherId, add: false, ct);
        return Results.NoContent();
    }

    private static async Task ChangeAsync(WebApiContext ctx, string table, Guid id, string navigation, string otherSet, Guid otherId, bool add, CancellationToken ct)
    {
        var env = ctx.Environment.Id;
        var primary = ctx.Catalog.FindBySet(table)!;
        TableAccess.Require(ctx.Caller, AccessRight.Write, primary);
        var source = await EnsureSourceAsync(ctx, table, id, ct);
        if (navigation.EndsWith("roles_association"))
        {
            if (otherSet != "roles") throw ServerSyncException.BadRequest($"{navigation} links roles, not {otherSet}.");
            var role = await ctx.Db.Roles.FirstOrDefaultAsync(r => r.EnvironmentId == env && r.Id == otherId, ct)
                ?? throw ServerSyncException.NotFound($"role With Id = {otherId} Does Not Exist");
            TableAccess.EnsureMayLink(ctx.Caller, primary, source, ctx.Catalog.Get(typeof(Role)), role);
            if (table == "teams") DelegatedApproverAssignment.EnsureCanAssignToTeam(role);
            else DelegatedApproverAssignment.EnsureCanAssignToUser(ctx.Caller, role);
            if (role.RoleTemplateId == StandardRoles.SystemAdministrator && !ctx.Caller.IsSystemAdministrator)
                throw ServerSyncException.Forbidden("Only a System Administrator can give or take the System Administrator role.");
            if (add) await EnsureNoEscalationAsync(ctx, [role.Id], $"the role '{role.Name}'", ct);
            if (table == "teams")
                await ToggleAsync(ctx.Db.TeamRoles, new TeamRole { EnvironmentId = env, TeamId = id, RoleId = role.Id }, x => x.TeamId == id && x.RoleId == role.Id, add, ct);
            else
                await ToggleAsync(ctx.Db.SystemUserRoles, new SystemUserRole { EnvironmentId = env, SystemUserId = id, RoleId = role.Id }, x => x.SystemUserId == id && x.RoleId == role.Id, add, ct);
        }
        else
        {
            var (teamId, userId) = table == "teams" ? (id, otherId) : (otherId, id);
            if (otherSet != (table == "teams" ? "systemusers" : "teams")) throw ServerSyncException.BadRequest($"{navigation} links teams and systemusers.");
            var other = await EnsureSourceAsync(ctx, otherSet, otherId, ct);
            TableAccess.EnsureMayLink(ctx.Caller, primary, source, ctx.Catalog.FindBySet(otherSet)!, other);
            if (add)
            {
                // A member holds the team's roles, so joining must not give more than assigning those roles directly could.
                var teamRoles = await ctx.Db.TeamRoles.Where(r => r.EnvironmentId == env && r.TeamId == teamId).Select(r => r.RoleId).ToListAsync(ct);
                if (!ctx.Caller.IsSystemAdministrator && await ctx.Db.Roles.AnyAsync(r => teamRoles.Contains(r.Id) && r.RoleTemplateId == StandardRoles.SystemAdministrator, ct))
                    throw ServerSyncException.Forbidden("Only a System Administrator can add members to a team that holds the System Administrator role.");
                await EnsureNoEscalationAsync(ctx, teamRoles, "membership of this team", ct);
            }
            await ToggleAsync(ctx.Db.TeamMemberships, new TeamMembership { EnvironmentId = env, TeamId = teamId, SystemUserId = userId }, x => x.TeamId == teamId && x.SystemUserId == userId, add, ct);
        }
        await ctx.Db.SaveChangesAsync(ct);
    }

    /// <summary>A 403 naming the privileges of these roles the caller doesn't hold at least as deep.</summary>
    private static async Task EnsureNoEscalationAsync(WebApiContext ctx, List<Guid> roleIds, string what, CancellationToken ct)
    {
        var grants = await (from rp in ctx.Db.RolePrivileges
                            join p in ctx.Db.Privileges on rp.PrivilegeId equals p.Id
                            where rp.EnvironmentId == ctx.Environment.Id && roleIds.Contains(rp.RoleId)
                            select new { p.Name, rp.Depth }).ToListAsync(ct);
        var notHeld = NoEscalationRule.NotHeld(ctx.Caller, grants.Select(g => new PrivilegeGrant(g.Name, g.Depth)));
        if (notHeld.Count > 0) throw ServerSyncException.Forbidden(NoEscalationRule.Describe(what, notHeld));
    }

    private static async Task ToggleAsync<T>(DbSet<T> set, T link, System.Linq.Expressions.Expression<Func<T, bool>> match, bool add, CancellationToken ct) where T : class
    {
        var existing = await set.FirstOrDefaultAsync(match, ct);
        if (add && existing is null) set.Add(link);
        if (!add)
        {
            if (existing is null) throw ServerSyncException.NotFound("The records are not associated.");
            set.Remove(existing);
        }
    }

    private static async Task<EnvironmentRecord> EnsureSourceAsync(WebApiContext ctx, string set, Guid id, CancellationToken ct)
    {
        var env = ctx.Environment.Id;
        EnvironmentRecord? row = set switch
        {
            "systemusers" => await ctx.Db.SystemUsers.AsNoTracking().FirstOrDefaultAsync(u => u.EnvironmentId == env && u.Id == id, ct),
            "teams" => await ctx.Db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.EnvironmentId == env && t.Id == id, ct),
            _ => null,
        };
        return row ?? throw ServerSyncException.NotFound($"{set.TrimEnd('s')} With Id = {id} Does Not Exist");
    }

    private static IResult Rows(WebApiContext ctx, Type type, IEnumerable<EnvironmentRecord> rows)
    {
        TableAccess.Require(ctx.Caller, AccessRight.Read, ctx.Catalog.Get(type));
        var table = ctx.Catalog.Get(type);
        return Results.Json(new JsonObject { ["value"] = new JsonArray(rows.Select(r => (JsonNode)RecordJson.Write(r, table, null)).ToArray()) });
    }

    private static (string Set, Guid Id) ParseReference(string reference)
    {
        if (!RecordReference.TryParse(reference, out var set, out var id))
            throw ServerSyncException.BadRequest($"'{reference}' is not a record reference such as …/roles(<id>).");
        return (set, id);
    }
}
