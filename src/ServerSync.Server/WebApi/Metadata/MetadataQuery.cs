using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;
using Microsoft.OData.UriParser;
using ServerSync.Domain.Errors;

namespace ServerSync.Server.WebApi.Metadata;

/// <summary>
/// <c>$filter</c>, <c>$select</c> and <c>$expand</c> of a metadata request. <c>$filter</c> is parsed and bound by
/// ASP.NET Core OData over the definitions in memory, so any comparison a client writes on a plain property works.
/// </summary>
public sealed class MetadataQuery
{
    private static readonly HashSet<string> Supported = ["$select", "$filter", "$expand"];
    private static readonly IEdmModel Model = BuildModel();

    public IReadOnlyList<string>? Select { get; private init; }

    /// <summary>Expanded navigation (Attributes, OptionSet, GlobalOptionSet) with its own $select, if any.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>?> Expand { get; private init; } = new Dictionary<string, IReadOnlyList<string>?>();

    private FilterClause? Filter { get; init; }

    public static MetadataQuery Parse(IQueryCollection query, string entitySet)
    {
        foreach (var key in query.Keys.Where(k => k.StartsWith('$') && !Supported.Contains(k)))
            throw ServerSyncException.BadRequest($"The query option {key} is not supported on metadata.");
        FilterClause? filter = null;
        if (query.TryGetValue("$filter", out var f))
        {
            var set = Model.EntityContainer.FindEntitySet(entitySet);
            try
            {
                filter = new ODataQueryOptionParser(Model, set.EntityType, set, new Dictionary<string, string> { ["$filter"] = f.ToString() }).ParseFilter();
            }
            catch (ODataException e)
            {
                throw ServerSyncException.BadRequest(e.Message, ErrorCodes.UnknownProperty);
            }
        }
        return new MetadataQuery
        {
            Filter = filter,
            Select = query.TryGetValue("$select", out var s) ? Names(s.ToString()) : null,
            Expand = query.TryGetValue("$expand", out var x) ? ParseExpand(x.ToString()) : new Dictionary<string, IReadOnlyList<string>?>(),
        };
    }

    public IEnumerable<T> Apply<T>(IEnumerable<T> rows)
    {
        if (Filter is null) return rows;
        var context = new QueryBinderContext(Model, new ODataQuerySettings { HandleNullPropagation = HandleNullPropagationOption.True }, typeof(T));
        return ((IQueryable<T>)new FilterBinder().ApplyBind(rows.AsQueryable(), Filter, context)).ToList();
    }

    /// <summary><c>Attributes($select=LogicalName),OptionSet</c>: commas inside parentheses belong to the item.</summary>
    private static Dictionary<string, IReadOnlyList<string>?> ParseExpand(string text)
    {
        var items = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] == '(') depth++;
            else if (i < text.Length && text[i] == ')') depth--;
            else if (i == text.Length || (text[i] == ',' && depth == 0))
            {
                var item = text[start..i].Trim();
                start = i + 1;
                if (item.Length == 0) continue;
                var open = item.IndexOf('(');
                var name = open < 0 ? item : item[..open];
                IReadOnlyList<string>? select = null;
                if (open >= 0)
                {
                    var inner = item[(open + 1)..].TrimEnd(')');
                    if (!inner.StartsWith("$select=", StringComparison.Ordinal))
                        throw ServerSyncException.BadRequest($"Only $select is supported inside $expand on metadata, not '{inner}'.");
                    select = Names(inner["$select=".Length..]);
                }
                items[name.Trim()] = select;
            }
        }
        return items;
    }

    private static List<string> Names(string text) => [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static IEdmModel BuildModel()
    {
        var builder = new ODataConventionModelBuilder { Namespace = "Microsoft.Dynamics.CRM" };
        builder.EntitySet<EntityDefinition>("EntityDefinitions").EntityType.HasKey(e => e.MetadataId);
        var attributes = builder.EntitySet<AttributeDefinition>("Attributes").EntityType;
        attributes.HasKey(a => a.MetadataId);
        attributes.Ignore(a => a.Options);
        attributes.Ignore(a => a.Targets);
        return builder.GetEdmModel();
    }
}
