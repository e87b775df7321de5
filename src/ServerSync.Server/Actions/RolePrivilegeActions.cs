using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Security;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Actions;

/// <summary>AddPrivilegesRole, RemovePrivilegeRole and RetrieveRolePrivilegesRole, as the Dataverse Web API has them.</summary>
public static class RolePrivilegeActions
{
    public static async Task<IResult> AddPrivilegesAsync(WebApiContext ctx, Guid roleId, JsonObject body, CancellationToken ct)
    {
        var role = await EditableRoleAsync(ctx, roleId, ct);
        if (body["Privileges"] is not JsonArray items || items.Count == 0)
            throw ServerSyncException.BadRequest("Privileges must be a non-empty array of {PrivilegeId, Depth}.");
        foreach (var item in items)
        {
            var grant = ActionParameters.Object(item, "Privileges");
            var privilege = await PrivilegeAsync(ctx, ActionParameters.Guid(grant["PrivilegeId"], "PrivilegeId"), ct);
            var depth = ParseDepth(grant["Depth"]);
            if (!Allows(privilege, depth))
                throw ServerSyncException.BadRequest($"{privilege.Name} can't be granted at {depth} depth.");
            if (NoEscalationRule.NotHeld(ctx.Caller, [new PrivilegeGrant(privilege.Name, depth)]) is { Count: > 0 } notHeld)
                throw ServerSyncException.Forbidden(NoEscalationRule.Describe($"{privilege.Name} at {depth} depth", notHeld));
            var existing = await ctx.Db.RolePrivileges.FirstOrDefaultAsync(p => p.RoleId == role.Id && p.PrivilegeId == privilege.Id, ct);
            if (existing is null)
                ctx.Db.RolePrivileges.Add(new RolePrivilege { EnvironmentId = ctx.Environment.Id, RoleId = role.Id, PrivilegeId = privilege.Id, Depth = depth });
            else
                existing.Depth = depth;
        }
        role.VersionNumber++;
        await ctx.Db.SaveChangesAsync(ct);
        return Results.NoContent();
    }

    public static async Task<IResult> RemovePrivilegeAsync(WebApiContext ctx, Guid roleId, JsonObject body, CancellationToken ct)
    {
        var role = await EditableRoleAsync(ctx, roleId, ct);
        var privilege = await PrivilegeAsync(ctx, ActionParameters.Guid(body["PrivilegeId"], "PrivilegeId"), ct);
        var grant = await ctx.Db.RolePrivileges.FirstOrDefaultAsync(p => p.RoleId == role.Id && p.PrivilegeId == privilege.Id, ct)
            ?? throw ServerSyncException.BadRequest($"The role does not have {privilege.Name}.");
        ctx.Db.RolePrivileges.Remove(grant);
        role.VersionNumber++;
        await ctx.Db.SaveChangesAsync(ct);
        return Results.NoContent();
    }

    public static async Task<IResult> RetrieveAsync(WebApiContext ctx, Guid roleId, CancellationToken ct)
    {
        TableAccess.Require(ctx.Caller, AccessRight.Read, ctx.Catalog.Get(typeof(Role)));
        var role = await RoleAsync(ctx, roleId, ct);
        var rows = await (from rp in ctx.Db.RolePrivileges
                          join p in ctx.Db.Privileges on rp.PrivilegeId equals p.Id
                          where rp.RoleId == role.Id
                          orderby p.Name
                          select new { rp.PrivilegeId, rp.Depth, p.Name }).ToListAsync(ct);
        return Results.Json(new
        {
            RolePrivileges = rows.Select(r => new { r.PrivilegeId, Depth = r.Depth.ToString(), PrivilegeName = r.Name, BusinessUnitId = role.BusinessUnitId }),
        });
    }

    /// <summary>Depth as the enum name ("Global") or its number (3).</summary>
    private static PrivilegeDepth ParseDepth(JsonNode? node)
    {
        var text = node?.ToString();
        if (text is not null && Enum.TryParse<PrivilegeDepth>(text, ignoreCase: true, out var depth) && Enum.IsDefined(depth)) return depth;
        throw ServerSyncException.BadRequest($"'{text}' is not a privilege depth; use Basic, Local, Deep or Global.");
    }

    private static bool Allows(Privilege p, PrivilegeDepth depth) => depth switch
    {
        PrivilegeDepth.Basic => p.CanBeBasic,
        PrivilegeDepth.Local => p.CanBeLocal,
        PrivilegeDepth.Deep => p.CanBeDeep,
        _ => p.CanBeGlobal,
    };

    private static async Task<Role> EditableRoleAsync(WebApiContext ctx, Guid roleId, CancellationToken ct)
    {
        TableAccess.Require(ctx.Caller, AccessRight.Write, ctx.Catalog.Get(typeof(Role)));
        var role = await RoleAsync(ctx, roleId, ct);
        if (role.RoleTemplateId == StandardRoles.SystemAdministrator)
            throw ServerSyncException.BadRequest("The System Administrator role always has every privilege; it can't be edited.");
        return role;
    }

    private static async Task<Role> RoleAsync(WebApiContext ctx, Guid roleId, CancellationToken ct) =>
        await ctx.Db.Roles.FirstOrDefaultAsync(r => r.EnvironmentId == ctx.Environment.Id && r.Id == roleId, ct)
        ?? throw ServerSyncException.NotFound($"role With Id = {roleId} Does Not Exist");

    private static async Task<Privilege> PrivilegeAsync(WebApiContext ctx, Guid privilegeId, CancellationToken ct)
    {
        return await ctx.Db.Privileges.FirstOrDefaultAsync(p => p.EnvironmentId == ctx.Environment.Id && p.Id == privilegeId, ct)
            ?? throw ServerSyncException.NotFound($"privilege With Id = {privilegeId} Does Not Exist");
    }
}
