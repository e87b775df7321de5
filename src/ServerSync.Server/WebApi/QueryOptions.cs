using System.Linq.Expressions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using ServerSync.Domain.Errors;

namespace ServerSync.Server.WebApi;

/// <summary>
/// The OData system query options of a request. Parsing and LINQ binding of <c>$filter</c> and
/// <c>$orderby</c> are ASP.NET Core OData's; paging, <c>$select</c> and <c>$count</c> follow Dataverse.
/// </summary>
public sealed class QueryOptions
{
    public const int DefaultPageSize = 5000;

    private static readonly HashSet<string> Supported = ["$select", "$filter", "$orderby", "$top", "$count", "$skiptoken"];

    private FilterClause? _filter;
    private OrderByClause? _orderBy;

    public IReadOnlyList<string>? Select { get; private set; }
    public int? Top { get; private set; }
    public bool Count { get; private set; }
    public int Skip { get; private set; }

    public static QueryOptions Parse(IQueryCollection query, IEdmModel model, TableInfo table, string? scopeFilter = null)
    {
        foreach (var key in query.Keys.Where(k => k.StartsWith('$') && !Supported.Contains(k)))
            throw ServerSyncException.BadRequest($"The query option {key} is not supported.");

        var result = new QueryOptions();
        var entitySet = model.EntityContainer.FindEntitySet(table.EntitySetName);
        var raw = new Dictionary<string, string>();
        if (query.TryGetValue("$filter", out var f)) raw["$filter"] = f.ToString();
        if (scopeFilter is not null) raw["$filter"] = raw.TryGetValue("$filter", out var own) ? $"({scopeFilter}) and ({own})" : scopeFilter;
        if (query.TryGetValue("$orderby", out var o)) raw["$orderby"] = o.ToString();
        var parser = new ODataQueryOptionParser(model, entitySet.EntityType, entitySet, raw);
        try
        {
            result._filter = parser.ParseFilter();
            result._orderBy = parser.ParseOrderBy();
        }
        catch (ODataException e)
        {
            throw ServerSyncException.BadRequest(e.Message, ErrorCodes.UnknownProperty);
        }
        FilterFunctionCheck.Refuse(result._filter?.Expression);
        for (var order = result._orderBy; order is not null; order = order.ThenBy) FilterFunctionCheck.Refuse(order.Expression);

        if (query.TryGetValue("$select", out var select))
        {
            var names = select.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var name in names)
            {
                if (table.Find(name) is not { Kind: not ColumnKind.Secret })
                    throw ServerSyncException.BadRequest($"Could not find a property named '{name}' on type 'Microsoft.Dynamics.CRM.{table.LogicalName}'.", ErrorCodes.UnknownProperty);
            }
            result.Select = names;
        }
        if (query.TryGetValue("$top", out var top))
        {
            if (!int.TryParse(top, out var n) || n < 0)
                throw ServerSyncException.BadRequest($"Invalid value '{top}' for $top query option found. The $top query option requires a non-negative integer value.");
            // One answer holds at most a page, as in Dataverse; more rows are paged with Prefer: odata.maxpagesize.
            if (n > DefaultPageSize)
                throw ServerSyncException.BadRequest($"Invalid value '{top}' for $top query option found. $top can't be greater than {DefaultPageSize}; page through more rows with Prefer: odata.maxpagesize and @odata.nextLink.");
            result.Top = n;
        }
        if (query.TryGetValue("$count", out var count))
        {
            if (!bool.TryParse(count, out var c))
                throw ServerSyncException.BadRequest($"'{count}' is not a valid count option; use true or false.");
            result.Count = c;
        }
        if (query.TryGetValue("$skiptoken", out var skip))
        {
            if (!int.TryParse(skip, out var s) || s < 0)
                throw ServerSyncException.BadRequest("The $skiptoken is not valid; follow @odata.nextLink as returned.");
            result.Skip = s;
        }
        return result;
    }

    /// <summary>Applies $filter and $orderby, then orders by primary key so that paging is stable.</summary>
    public IQueryable<T> Apply<T>(IQueryable<T> source, IEdmModel model)
    {
        var settings = new ODataQuerySettings { HandleNullPropagation = HandleNullPropagationOption.False };
        var context = new QueryBinderContext(model, settings, typeof(T));
        var query = source;
        if (_filter is not null)
            query = (IQueryable<T>)new FilterBinder().ApplyBind(query, _filter, context);
        var ordered = false;
        if (_orderBy is not null)
        {
            query = (IQueryable<T>)new OrderByBinder().ApplyBind(query, _orderBy, context, false);
            ordered = true;
        }
        ComputedColumnCheck.Refuse(query.Expression);
        var parameter = Expression.Parameter(typeof(T), "r");
        var key = Expression.Lambda<Func<T, Guid>>(Expression.Property(parameter, "Id"), parameter);
        return ordered ? ((IOrderedQueryable<T>)query).ThenBy(key) : query.OrderBy(key);
    }
}
