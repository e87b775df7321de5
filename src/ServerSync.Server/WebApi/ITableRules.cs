using System.Text.Json.Nodes;
using ServerSync.Domain.Metadata;

namespace ServerSync.Server.WebApi;

/// <summary>
/// The rules of one table that go beyond column metadata. Each hook runs inside the request's
/// transaction before anything is saved, so a refusal changes nothing.
/// </summary>
public interface ITableRules<T> where T : EnvironmentRecord
{
    /// <summary>Validates and completes a new row; <paramref name="columns"/> are the columns the request set.</summary>
    Task OnCreatingAsync(WebApiContext ctx, T row, IReadOnlySet<string> columns, CancellationToken ct);

    /// <summary>Validates an update; <paramref name="before"/> is a copy of the row as it was.</summary>
    Task OnUpdatingAsync(WebApiContext ctx, T row, T before, IReadOnlySet<string> columns, CancellationToken ct);

    Task OnDeletingAsync(WebApiContext ctx, T row, CancellationToken ct);
}

/// <summary>Base for table rules that need only some hooks.</summary>
public abstract class TableRules<T> : ITableRules<T> where T : EnvironmentRecord
{
    public virtual Task OnCreatingAsync(WebApiContext ctx, T row, IReadOnlySet<string> columns, CancellationToken ct) => Task.CompletedTask;
    public virtual Task OnUpdatingAsync(WebApiContext ctx, T row, T before, IReadOnlySet<string> columns, CancellationToken ct) => Task.CompletedTask;
    public virtual Task OnDeletingAsync(WebApiContext ctx, T row, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Rules of a table whose rows can be created together with related rows (Dataverse deep insert).</summary>
public interface IDeepInsertRules<T> where T : EnvironmentRecord
{
    /// <summary>Collection-valued navigation properties accepted in a create body (e.g. email_activity_parties), with the type of their rows.</summary>
    IReadOnlyDictionary<string, Type> Collections { get; }

    /// <summary>Creates the related rows of one collection for the new row.</summary>
    Task InsertAsync(WebApiContext ctx, T row, string collection, JsonArray items, CancellationToken ct);
}
