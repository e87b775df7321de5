using System.Text.Json.Nodes;

namespace ServerSync.Server.WebApi.Metadata;

/// <summary>Definitions written as Dataverse writes EntityMetadata and AttributeMetadata (labels in English, 1033).</summary>
public static class MetadataJson
{
    private const int English = 1033;

    public static JsonObject Entity(EntityDefinition entity, IReadOnlyList<string>? select)
    {
        var all = new JsonObject
        {
            ["MetadataId"] = entity.MetadataId,
            ["LogicalName"] = entity.LogicalName,
            ["SchemaName"] = entity.SchemaName,
            ["EntitySetName"] = entity.EntitySetName,
            ["LogicalCollectionName"] = entity.LogicalCollectionName,
            ["PrimaryIdAttribute"] = entity.PrimaryIdAttribute,
            ["PrimaryNameAttribute"] = entity.PrimaryNameAttribute,
            ["IsActivity"] = entity.IsActivity,
            ["OwnershipType"] = entity.OwnershipType,
            ["DisplayName"] = Label(OptionLabels.Words(entity.SchemaName)),
        };
        return Selected(all, select, "EntityMetadata");
    }

    public static JsonObject Attribute(AttributeDefinition attribute, IReadOnlyList<string>? select, bool withOptionSet)
    {
        var all = new JsonObject
        {
            ["@odata.type"] = "#Microsoft.Dynamics.CRM." + CastName(attribute.AttributeType),
            ["MetadataId"] = attribute.MetadataId,
            ["LogicalName"] = attribute.LogicalName,
            ["SchemaName"] = attribute.SchemaName,
            ["EntityLogicalName"] = attribute.EntityLogicalName,
            ["AttributeType"] = attribute.AttributeType,
            ["AttributeTypeName"] = new JsonObject { ["Value"] = attribute.AttributeType + "Type" },
            ["IsPrimaryId"] = attribute.IsPrimaryId,
            ["IsPrimaryName"] = attribute.IsPrimaryName,
            ["IsValidForCreate"] = attribute.IsValidForCreate,
            ["IsValidForUpdate"] = attribute.IsValidForUpdate,
            ["IsValidForRead"] = attribute.IsValidForRead,
            ["RequiredLevel"] = new JsonObject { ["Value"] = attribute.RequiredLevel, ["CanBeChanged"] = false },
            ["DisplayName"] = Label(OptionLabels.Words(attribute.SchemaName)),
        };
        if (attribute.MaxLength is { } max) all["MaxLength"] = max;
        if (attribute.AttributeType == "Lookup") all["Targets"] = new JsonArray([.. attribute.Targets.Select(t => (JsonNode)t)]);
        var result = Selected(all, select, "AttributeMetadata");
        if (withOptionSet && attribute.Options is { } options)
            result["OptionSet"] = new JsonObject
            {
                ["Name"] = attribute.EntityLogicalName + "_" + attribute.LogicalName,
                ["IsGlobal"] = false,
                ["OptionSetType"] = attribute.AttributeType,
                ["Options"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["Value"] = o.Value, ["Label"] = Label(o.Label) })]),
            };
        return result;
    }

    /// <summary>The derived type of an attribute's metadata, as a cast segment and <c>@odata.type</c> name it.</summary>
    public static string CastName(string attributeType) => attributeType switch
    {
        "Uniqueidentifier" => "UniqueIdentifierAttributeMetadata",
        "Virtual" => "AttributeMetadata",
        _ => attributeType + "AttributeMetadata",
    };

    private static JsonObject Label(string text)
    {
        JsonObject Localized() => new() { ["Label"] = text, ["LanguageCode"] = English };
        return new JsonObject { ["LocalizedLabels"] = new JsonArray(Localized()), ["UserLocalizedLabel"] = Localized() };
    }


    /// <summary>$select keeps the named properties (and MetadataId, which Dataverse always returns); an unknown name is a 400.</summary>
    private static JsonObject Selected(JsonObject all, IReadOnlyList<string>? select, string typeName)
    {
        if (select is null) return all;
        var result = new JsonObject();
        if (all["@odata.type"] is { } type) result["@odata.type"] = type.DeepClone();
        result["MetadataId"] = all["MetadataId"]!.DeepClone();
        foreach (var name in select)
        {
            if (!all.ContainsKey(name) && name is not ("MaxLength" or "Targets" or "OptionSet"))
                throw Domain.Errors.ServerSyncException.BadRequest($"Could not find a property named '{name}' on type 'Microsoft.Dynamics.CRM.{typeName}'.", Domain.Errors.ErrorCodes.UnknownProperty);
            if (all[name] is { } value) result[name] = value.DeepClone();
        }
        return result;
    }
}
