using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Security;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Tables;

/// <summary>Custom roles may be added, renamed and deleted; the standard roles stay as provisioned.</summary>
public sealed class RoleTableRules : TableRules<Role>
{
    public override async Task OnCreatingAsync(WebApiContext ctx, Role row, IReadOnlySet<string> columns, CancellationToken ct)
    {
        if (row.BusinessUnitId == Guid.Empty)
            row.BusinessUnitId = await ctx.RootBusinessUnitIdAsync(ct);
    }

    public override Task OnUpdatingAsync(WebApiContext ctx, Role row, Role before, IReadOnlySet<string> columns, CancellationToken ct)
    {
        if (before.IsManaged) throw ServerSyncException.BadRequest($"The standard role '{before.Name}' can't be changed.");
        return Task.CompletedTask;
    }

    public override async Task OnDeletingAsync(WebApiContext ctx, Role row, CancellationToken ct)
    {
        if (row.IsManaged) throw ServerSyncException.BadRequest($"The standard role '{row.Name}' can't be deleted.");
        ctx.Db.RolePrivileges.RemoveRange(await ctx.Db.RolePrivileges.Where(p => p.RoleId == row.Id).ToListAsync(ct));
        ctx.Db.SystemUserRoles.RemoveRange(await ctx.Db.SystemUserRoles.Where(p => p.RoleId == row.Id).ToListAsync(ct));
        ctx.Db.TeamRoles.RemoveRange(await ctx.Db.TeamRoles.Where(p => p.RoleId == row.Id).ToListAsync(ct));
    }
}
