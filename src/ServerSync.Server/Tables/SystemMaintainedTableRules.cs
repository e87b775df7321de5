using ServerSync.Domain.Errors;
using ServerSync.Domain.Metadata;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Tables;

/// <summary>Tables only the system writes (privileges, alerts, background jobs); alerts and jobs may be deleted.</summary>
public sealed class SystemMaintainedTableRules<T>(bool deletable) : TableRules<T> where T : EnvironmentRecord
{
    public override Task OnCreatingAsync(WebApiContext ctx, T row, IReadOnlySet<string> columns, CancellationToken ct) =>
        throw ServerSyncException.BadRequest($"Rows of {ctx.Catalog.Get(typeof(T)).LogicalName} are created by the system.");

    public override Task OnUpdatingAsync(WebApiContext ctx, T row, T before, IReadOnlySet<string> columns, CancellationToken ct) =>
        throw ServerSyncException.BadRequest($"Rows of {ctx.Catalog.Get(typeof(T)).LogicalName} are maintained by the system.");

    public override Task OnDeletingAsync(WebApiContext ctx, T row, CancellationToken ct) =>
        deletable ? Task.CompletedTask : throw ServerSyncException.BadRequest($"Rows of {ctx.Catalog.Get(typeof(T)).LogicalName} can't be deleted.");
}
