using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Security;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Tables;

/// <summary>Teams default to the root business unit; deleting one removes its memberships and roles.</summary>
public sealed class TeamTableRules : TableRules<Team>
{
    public override async Task OnCreatingAsync(WebApiContext ctx, Team row, IReadOnlySet<string> columns, CancellationToken ct)
    {
        if (row.BusinessUnitId == Guid.Empty)
            row.BusinessUnitId = await ctx.RootBusinessUnitIdAsync(ct);
    }

    public override async Task OnDeletingAsync(WebApiContext ctx, Team row, CancellationToken ct)
    {
        ctx.Db.TeamMemberships.RemoveRange(await ctx.Db.TeamMemberships.Where(m => m.TeamId == row.Id).ToListAsync(ct));
        ctx.Db.TeamRoles.RemoveRange(await ctx.Db.TeamRoles.Where(m => m.TeamId == row.Id).ToListAsync(ct));
    }
}
