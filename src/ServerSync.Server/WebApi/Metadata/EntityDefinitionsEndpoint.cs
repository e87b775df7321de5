using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Security;

namespace ServerSync.Server.WebApi.Metadata;

/// <summary>
/// <c>EntityDefinitions</c>, read-only, as generic Dataverse clients read it before they touch a table: the list (with
/// <c>$filter</c>), one table by <c>LogicalName='…'</c> or MetadataId, its <c>Attributes</c>, a cast such as
/// <c>/Microsoft.Dynamics.CRM.PicklistAttributeMetadata</c>, one attribute, and <c>$expand=OptionSet</c>. A caller sees
/// the tables it may read; any other is answered as if it didn't exist.
/// </summary>
public static partial class EntityDefinitionsEndpoint
{
    public const string Head = "EntityDefinitions";

    public static IResult Handle(string path, IQueryCollection query, CallerContext caller, EntityDefinitionCatalog catalog)
    {
        var match = Pattern().Match(path);
        if (!match.Success) throw ServerSyncException.BadRequest($"Resource not found for the segment '{path}'.", ErrorCodes.UnknownSegment);
        bool Has(string group) => match.Groups[group].Success;

        if (!Has("name") && !Has("id"))
        {
            if (Has("attributes")) throw ServerSyncException.BadRequest("Attributes are read through one table: EntityDefinitions(LogicalName='…')/Attributes.", ErrorCodes.UnknownSegment);
            var options = MetadataQuery.Parse(query, "EntityDefinitions");
            var visible = catalog.Tables.Where(t => MayRead(caller, t)).Select(t => t.Entity);
            var rows = options.Apply(visible).Select(e => catalog.Find(e.LogicalName)!).OrderBy(t => t.Entity.LogicalName, StringComparer.Ordinal);
            return Results.Json(new JsonObject
            {
                ["@odata.context"] = "$metadata#EntityDefinitions",
                ["value"] = new JsonArray([.. rows.Select(t => (JsonNode)EntityWithExpand(t, options))]),
            });
        }

        var table = (Has("name") ? catalog.Find(match.Groups["name"].Value) : catalog.Find(Guid.Parse(match.Groups["id"].Value)))
            is { } found && MayRead(caller, found) ? found
            : throw ServerSyncException.NotFound($"Could not find an entity with {(Has("name") ? $"LogicalName = '{match.Groups["name"].Value}'" : $"MetadataId = {match.Groups["id"].Value}")}.");

        if (!Has("attributes"))
        {
            var options = MetadataQuery.Parse(query, "EntityDefinitions");
            var body = EntityWithExpand(table, options);
            body.Insert(0, "@odata.context", "$metadata#EntityDefinitions/$entity");
            return Results.Json(body);
        }

        var attributeOptions = MetadataQuery.Parse(query, "Attributes");
        var withOptionSet = attributeOptions.Expand.Keys.Any(k => k is "OptionSet" or "GlobalOptionSet");
        foreach (var key in attributeOptions.Expand.Keys.Where(k => k is not ("OptionSet" or "GlobalOptionSet")))
            throw ServerSyncException.BadRequest($"Could not find a navigation property named '{key}' on attributes.", ErrorCodes.UnknownProperty);
        var attributes = table.Attributes.AsEnumerable();
        if (Has("cast"))
        {
            var cast = match.Groups["cast"].Value;
            if (!table.Attributes.Select(a => MetadataJson.CastName(a.AttributeType)).Append("AttributeMetadata").Contains(cast) && !KnownCasts.Contains(cast))
                throw ServerSyncException.BadRequest($"'Microsoft.Dynamics.CRM.{cast}' is not a type of attribute metadata.", ErrorCodes.UnknownSegment);
            if (cast != "AttributeMetadata") attributes = attributes.Where(a => MetadataJson.CastName(a.AttributeType) == cast);
        }
        if (Has("attr") || Has("attrid"))
        {
            var one = attributes.FirstOrDefault(a => Has("attr") ? a.LogicalName == match.Groups["attr"].Value : a.MetadataId == Guid.Parse(match.Groups["attrid"].Value))
                ?? throw ServerSyncException.NotFound($"Could not find an attribute {(Has("attr") ? $"with LogicalName = '{match.Groups["attr"].Value}'" : $"with MetadataId = {match.Groups["attrid"].Value}")} on {table.Entity.LogicalName}.");
            var body = MetadataJson.Attribute(one, attributeOptions.Select, withOptionSet);
            body.Insert(0, "@odata.context", $"$metadata#EntityDefinitions('{table.Entity.MetadataId}')/Attributes/$entity");
            return Results.Json(body);
        }
        return Results.Json(new JsonObject
        {
            ["@odata.context"] = $"$metadata#EntityDefinitions('{table.Entity.MetadataId}')/Attributes",
            ["value"] = new JsonArray([.. attributeOptions.Apply(attributes).Select(a => (JsonNode)MetadataJson.Attribute(a, attributeOptions.Select, withOptionSet))]),
        });
    }

    private static readonly HashSet<string> KnownCasts =
    [
        "StringAttributeMetadata", "MemoAttributeMetadata", "IntegerAttributeMetadata", "BigIntAttributeMetadata", "BooleanAttributeMetadata",
        "DateTimeAttributeMetadata", "PicklistAttributeMetadata", "StateAttributeMetadata", "StatusAttributeMetadata", "LookupAttributeMetadata",
        "UniqueIdentifierAttributeMetadata", "DecimalAttributeMetadata", "DoubleAttributeMetadata", "MoneyAttributeMetadata", "MultiSelectPicklistAttributeMetadata",
    ];

    private static JsonObject EntityWithExpand(TableDefinition table, MetadataQuery options)
    {
        var body = MetadataJson.Entity(table.Entity, options.Select);
        foreach (var (name, select) in options.Expand)
        {
            if (name != "Attributes")
                throw ServerSyncException.BadRequest($"Could not find a navigation property named '{name}' on type 'Microsoft.Dynamics.CRM.EntityMetadata'.", ErrorCodes.UnknownProperty);
            body["Attributes"] = new JsonArray([.. table.Attributes.Select(a => (JsonNode)MetadataJson.Attribute(a, select, withOptionSet: false))]);
        }
        return body;
    }

    private static bool MayRead(CallerContext caller, TableDefinition table) =>
        caller.DepthOf(PrivilegeCatalog.NameFor(AccessRight.Read, table.Table.SchemaName)) is not null;

    private const string GuidPattern = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    [GeneratedRegex(@"^EntityDefinitions(?:\((?:LogicalName='(?<name>[a-z0-9_]*)'|(?<id>" + GuidPattern + @"))\))?(?<attributes>/Attributes(?:\((?:LogicalName='(?<attr>[a-z0-9_]*)'|(?<attrid>" + GuidPattern + @"))\))?(?:/Microsoft\.Dynamics\.CRM\.(?<cast>[A-Za-z]+))?)?$")]
    private static partial Regex Pattern();
}
