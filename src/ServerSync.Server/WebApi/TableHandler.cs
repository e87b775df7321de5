using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Metadata;
using ServerSync.Domain.Security;

namespace ServerSync.Server.WebApi;

/// <summary>Create, read, update and delete on one table, with privileges, depth, row versions and the table's rules.</summary>
public interface ITableHandler
{
    /// <summary>Lists rows; <c>scopeFilter</c> is an OData filter and-ed to the caller's, for navigation such as emails(id)/email_activity_parties.</summary>
    Task<IResult> ListAsync(WebApiContext ctx, HttpRequest request, CancellationToken ct, string? scopeFilter = null);
    Task<IResult> GetAsync(WebApiContext ctx, Guid id, HttpRequest request, CancellationToken ct);
    Task<IResult> CreateAsync(WebApiContext ctx, JsonObject body, HttpRequest request, CancellationToken ct);
    Task<IResult> UpdateAsync(WebApiContext ctx, Guid id, JsonObject body, HttpRequest request, CancellationToken ct);
    Task<IResult> DeleteAsync(WebApiContext ctx, Guid id, HttpRequest request, CancellationToken ct);
}

public sealed class TableHandler<T>(TableInfo table, ITableRules<T>? rules) : ITableHandler where T : EnvironmentRecord, new()
{
    public async Task<IResult> ListAsync(WebApiContext ctx, HttpRequest request, CancellationToken ct, string? scopeFilter = null)
    {
        var depth = TableAccess.Require(ctx.Caller, AccessRight.Read, table);
        var options = QueryOptions.Parse(request.Query, ctx.Catalog.Model, table, scopeFilter);
        var rows = TableAccess.Scope(ctx.Db.Set<T>().AsNoTracking().Where(r => r.EnvironmentId == ctx.Environment.Id), ctx.Caller, depth, table);
        var query = options.Apply(rows, ctx.Catalog.Model);

        var response = new JsonObject { ["@odata.context"] = $"{BaseUrl(request, ctx)}$metadata#{table.EntitySetName}" };
        if (options.Count) response["@odata.count"] = await query.CountAsync(ct);

        int? pageSize = options.Top is null ? MaxPageSize(request) : null;
        var take = options.Top ?? pageSize!.Value;
        var page = await query.Skip(options.Skip).Take(take + (pageSize is null ? 0 : 1)).ToListAsync(ct);
        var more = pageSize is not null && page.Count > take;
        response["value"] = new JsonArray(page.Take(take).Select(r => (JsonNode)RecordJson.Write(r, table, options.Select)).ToArray());
        if (more) response["@odata.nextLink"] = NextLink(request, options.Skip + take);
        if (pageSize is not null && request.Headers["Prefer"].ToString().Contains("odata.maxpagesize"))
            request.HttpContext.Response.Headers["Preference-Applied"] = $"odata.maxpagesize={pageSize}";
        return Results.Json(response);
    }

    public async Task<IResult> GetAsync(WebApiContext ctx, Guid id, HttpRequest request, CancellationToken ct)
    {
        var depth = TableAccess.Require(ctx.Caller, AccessRight.Read, table);
        var options = QueryOptions.Parse(request.Query, ctx.Catalog.Model, table);
        var row = await FindAsync(ctx, id, tracking: false, ct);
        TableAccess.EnsureReaches(ctx.Caller, depth, row, AccessRight.Read, table);
        var json = RecordJson.Write(row, table, options.Select);
        json["@odata.context"] = $"{BaseUrl(request, ctx)}$metadata#{table.EntitySetName}/$entity";
        return Results.Json(json);
    }

    public async Task<IResult> CreateAsync(WebApiContext ctx, JsonObject body, HttpRequest request, CancellationToken ct)
    {
        var depth = TableAccess.Require(ctx.Caller, AccessRight.Create, table);
        var row = new T { Id = Guid.NewGuid(), EnvironmentId = ctx.Environment.Id, CreatedOn = ctx.Now, ModifiedOn = ctx.Now };
        if (row is OwnedRecord owned)
        {
            owned.OwnerId = ctx.Caller.SystemUserId;
            owned.OwnerIdType = "systemuser";
            owned.OwningBusinessUnitId = ctx.Caller.BusinessUnitId;
        }
        var related = TakeDeepInsertCollections(body);
        var columns = await RecordWriter.ApplyAsync(ctx, table, row, body, creating: true, ct);
        if (await ctx.Db.Set<T>().AnyAsync(r => r.Id == row.Id, ct))
            throw new ServerSyncException(ErrorKind.Conflict, ErrorCodes.DuplicateRecord, $"A record with id {row.Id} already exists.");
        await using var tx = await ctx.Db.Database.BeginTransactionAsync(ct);
        ctx.Db.Set<T>().Add(row);
        if (row is OwnedRecord o) await EnsureOwnerAsync(ctx, o, depth, ct);
        if (rules is not null) await rules.OnCreatingAsync(ctx, row, columns, ct);
        foreach (var (collection, items) in related)
        {
            var deep = (IDeepInsertRules<T>)rules!;
            // The related rows take the new row's owner, so the new row stands in for them in the depth check.
            if (items.Count > 0) TableAccess.EnsureMayLink(ctx.Caller, ctx.Catalog.Get(deep.Collections[collection]), row, table, row);
            await deep.InsertAsync(ctx, row, collection, items, ct);
        }
        RecordWriter.ValidateRequired(table, row);
        await ctx.Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Written(ctx, row, request, StatusCodes.Status201Created);
    }

    public async Task<IResult> UpdateAsync(WebApiContext ctx, Guid id, JsonObject body, HttpRequest request, CancellationToken ct)
    {
        var depth = TableAccess.Require(ctx.Caller, AccessRight.Write, table);
        var row = await FindAsync(ctx, id, tracking: true, ct);
        TableAccess.EnsureReaches(ctx.Caller, depth, row, AccessRight.Write, table);
        EnsureIfMatch(request, row);
        var before = Snapshot(row);
        var columns = await RecordWriter.ApplyAsync(ctx, table, row, body, creating: false, ct);
        await using var tx = await ctx.Db.Database.BeginTransactionAsync(ct);
        if (rules is not null) await rules.OnUpdatingAsync(ctx, row, before, columns, ct);
        if (row is OwnedRecord owned && columns.Contains("_ownerid_value"))
        {
            var assign = TableAccess.Require(ctx.Caller, AccessRight.Assign, table);
            TableAccess.EnsureReaches(ctx.Caller, assign, before, AccessRight.Assign, table);
            await EnsureOwnerAsync(ctx, owned, PrivilegeDepth.Global, ct);
        }
        RecordWriter.ValidateRequired(table, row);
        row.VersionNumber++;
        row.ModifiedOn = ctx.Now;
        await ctx.Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Written(ctx, row, request, StatusCodes.Status200OK);
    }

    public async Task<IResult> DeleteAsync(WebApiContext ctx, Guid id, HttpRequest request, CancellationToken ct)
    {
        var depth = TableAccess.Require(ctx.Caller, AccessRight.Delete, table);
        var row = await FindAsync(ctx, id, tracking: true, ct);
        TableAccess.EnsureReaches(ctx.Caller, depth, row, AccessRight.Delete, table);
        EnsureIfMatch(request, row);
        await using var tx = await ctx.Db.Database.BeginTransactionAsync(ct);
        if (rules is not null) await rules.OnDeletingAsync(ctx, row, ct);
        ctx.Db.Set<T>().Remove(row);
        await ctx.Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Results.NoContent();
    }

    /// <summary>Removes the deep-insert collections the table accepts from the body; the rest are columns.</summary>
    private List<(string, JsonArray)> TakeDeepInsertCollections(JsonObject body)
    {
        var taken = new List<(string, JsonArray)>();
        if (rules is not IDeepInsertRules<T> deep) return taken;
        foreach (var name in deep.Collections.Keys)
        {
            if (!body.ContainsKey(name)) continue;
            var items = body[name] as JsonArray ?? throw ServerSyncException.BadRequest($"{name} must be an array.");
            body.Remove(name);
            taken.Add((name, items));
        }
        return taken;
    }

    private async Task<T> FindAsync(WebApiContext ctx, Guid id, bool tracking, CancellationToken ct)
    {
        var set = tracking ? ctx.Db.Set<T>() : ctx.Db.Set<T>().AsNoTracking();
        return await set.FirstOrDefaultAsync(r => r.EnvironmentId == ctx.Environment.Id && r.Id == id, ct)
            ?? throw ServerSyncException.NotFound($"{table.LogicalName} With Id = {id} Does Not Exist");
    }

    /// <summary>The new owner must be a user or team of this environment, within the caller's reach.</summary>
    private static async Task EnsureOwnerAsync(WebApiContext ctx, OwnedRecord row, PrivilegeDepth depth, CancellationToken ct)
    {
        Guid? unit = row.OwnerIdType == "team"
            ? await ctx.Db.Teams.Where(t => t.EnvironmentId == ctx.Environment.Id && t.Id == row.OwnerId).Select(t => (Guid?)t.BusinessUnitId).FirstOrDefaultAsync(ct)
            : await ctx.Db.SystemUsers.Where(u => u.EnvironmentId == ctx.Environment.Id && u.Id == row.OwnerId).Select(u => (Guid?)u.BusinessUnitId).FirstOrDefaultAsync(ct);
        if (unit is null) throw ServerSyncException.BadRequest($"The owner {row.OwnerId} is not a user or team of this environment.");
        row.OwningBusinessUnitId = unit.Value;
        if (!ctx.Caller.Reaches(depth, row.OwnerId, row.OwningBusinessUnitId))
            throw ServerSyncException.Forbidden($"The caller's {depth} depth does not reach the owner {row.OwnerId}.");
    }

    private static void EnsureIfMatch(HttpRequest request, EnvironmentRecord row)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0 || ifMatch == "*") return;
        if (ifMatch != RecordJson.ETag(row))
            throw new ServerSyncException(ErrorKind.PreconditionFailed, ErrorCodes.ConcurrencyVersionMismatch,
                "The version of the existing record doesn't match the RowVersion property provided.");
    }

    private static T Snapshot(T row) => (T)row.GetType().GetMethod("MemberwiseClone", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.Invoke(row, null)!;

    private IResult Written(WebApiContext ctx, T row, HttpRequest request, int representationStatus)
    {
        var entityId = $"{BaseUrl(request, ctx)}{table.EntitySetName}({row.Id})";
        request.HttpContext.Response.Headers["OData-EntityId"] = entityId;
        request.HttpContext.Response.Headers.ETag = RecordJson.ETag(row);
        if (request.Headers["Prefer"].ToString().Contains("return=representation"))
            return Results.Json(RecordJson.Write(row, table, null), statusCode: representationStatus);
        return Results.NoContent();
    }

    internal static string BaseUrl(HttpRequest request, WebApiContext ctx) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/{ctx.Environment.Name}/api/data/v9.2/";

    private static int MaxPageSize(HttpRequest request)
    {
        foreach (var part in request.Headers["Prefer"].ToString().Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("odata.maxpagesize=") && int.TryParse(part["odata.maxpagesize=".Length..], out var n) && n > 0)
                return Math.Min(n, QueryOptions.DefaultPageSize);
        }
        return QueryOptions.DefaultPageSize;
    }

    private static string NextLink(HttpRequest request, int skip)
    {
        var query = request.Query.Where(q => q.Key != "$skiptoken")
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"$skiptoken={skip}");
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join('&', query)}";
    }
}
