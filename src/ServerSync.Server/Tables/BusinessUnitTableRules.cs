using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Security;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Tables;

/// <summary>Business units form one tree under the root created with the environment.</summary>
public sealed class BusinessUnitTableRules : TableRules<BusinessUnit>
{
    public override Task OnCreatingAsync(WebApiContext ctx, BusinessUnit row, IReadOnlySet<string> columns, CancellationToken ct)
    {
        if (row.ParentBusinessUnitId is null)
            throw ServerSyncException.BadRequest("A new business unit needs a parent: set parentbusinessunitid@odata.bind.");
        return Task.CompletedTask;
    }

    public override async Task OnUpdatingAsync(WebApiContext ctx, BusinessUnit row, BusinessUnit before, IReadOnlySet<string> columns, CancellationToken ct)
    {
        if ((before.ParentBusinessUnitId is null) != (row.ParentBusinessUnitId is null))
            throw ServerSyncException.BadRequest("The root business unit stays the root.");
        // Walk up from the new parent: reaching this unit would make a cycle.
        for (var parent = row.ParentBusinessUnitId; parent is not null;)
        {
            if (parent == row.Id) throw ServerSyncException.BadRequest("A business unit can't be placed under itself or its own children.");
            parent = await ctx.Db.BusinessUnits.Where(b => b.Id == parent).Select(b => b.ParentBusinessUnitId).FirstOrDefaultAsync(ct);
        }
    }

    public override async Task OnDeletingAsync(WebApiContext ctx, BusinessUnit row, CancellationToken ct)
    {
        if (row.ParentBusinessUnitId is null
            || await ctx.Db.BusinessUnits.AnyAsync(b => b.ParentBusinessUnitId == row.Id, ct)
            || await ctx.Db.SystemUsers.AnyAsync(u => u.BusinessUnitId == row.Id, ct)
            || await ctx.Db.Teams.AnyAsync(t => t.BusinessUnitId == row.Id, ct))
            throw ServerSyncException.BadRequest("Only an empty business unit other than the root can be deleted.");
    }
}
