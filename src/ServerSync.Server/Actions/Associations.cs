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
        TableAccess.Require(ctx.Caller, AccessRight.Write, ctx.Catalog.FindBySet(table)!);
        await EnsureSourceAsync(ctx, table, id, ct);
        if (navigation.EndsWith("roles_association"))
        {
            if (otherSet != "roles") throw ServerSyncException.BadRequest($"{navigation} links roles, not {otherSet}.");
            var role = await ctx.Db.Roles.FirstOrDefaultAsync(r => r.EnvironmentId == env && r.Id == otherId, ct)
                ?? throw ServerSyncException.NotFound($"role With Id = {otherId} Does Not Exist");
            if (table == "teams") DelegatedApproverAssignment.EnsureCanAssignToTeam(role);
            else DelegatedApproverAssignment.EnsureCanAssignToUser(ctx.Caller, role);
            if (role.RoleTemplateId == StandardRoles.SystemAdministrator && !ctx.Caller.IsSystemAdministrator)
                throw ServerSyncException.Forbidden("Only a System Administrator can give or take the System Administrator role.");
            if (table == "teams")
                await ToggleAsync(ctx.Db.TeamRoles, new TeamRole { EnvironmentId = env, TeamId = id, RoleId = role.Id }, x => x.TeamId == id && x.RoleId == role.Id, add, ct);
            else
                await ToggleAsync(ctx.Db.SystemUserRoles, new SystemUserRole { EnvironmentId = env, SystemUserId = id, RoleId = role.Id }, x => x.SystemUserId == id && x.RoleId == role.Id, add, ct);
        }
        else
        {
            var (teamId, userId) = table == "teams" ? (id, otherId) : (otherId, id);
            if (otherSet != (table == "teams" ? "systemusers" : "teams")) throw ServerSyncException.BadRequest($"{navigation} links teams and systemusers.");
            await EnsureSourceAsync(ctx, otherSet, otherId, ct);
            await ToggleAsync(ctx.Db.TeamMemberships, new TeamMembership { EnvironmentId = env, TeamId = teamId, SystemUserId = userId }, x => x.TeamId == teamId && x.SystemUserId == userId, add, ct);
        }
        await ctx.Db.SaveChangesAsync(ct);
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

    private static async Task EnsureSourceAsync(WebApiContext ctx, string set, Guid id, CancellationToken ct)
    {
        var env = ctx.Environment.Id;
        var exists = set switch
        {
            "systemusers" => await ctx.Db.SystemUsers.AnyAsync(u => u.EnvironmentId == env && u.Id == id, ct),
            "teams" => await ctx.Db.Teams.AnyAsync(t => t.EnvironmentId == env && t.Id == id, ct),
            _ => false,
        };
        if (!exists) throw ServerSyncException.NotFound($"{set.TrimEnd('s')} With Id = {id} Does Not Exist");
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
