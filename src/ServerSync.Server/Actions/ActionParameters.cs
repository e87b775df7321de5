using System.Text.Json;
using System.Text.Json.Nodes;
using ServerSync.Domain.Errors;

namespace ServerSync.Server.Actions;

/// <summary>Typed reads of an action's parameters: a value of the wrong JSON type is a 400 naming the parameter, not a 500.</summary>
public static class ActionParameters
{
    public static bool? Boolean(JsonObject body, string name) => body[name] switch
    {
        null => null,
        var node when node.GetValueKind() is JsonValueKind.True or JsonValueKind.False => node.GetValue<bool>(),
        var node => throw ServerSyncException.BadRequest($"{name} must be true or false, not {node.ToJsonString()}."),
    };

    public static Guid Guid(JsonNode? node, string name) =>
        node?.GetValueKind() == JsonValueKind.String && System.Guid.TryParse(node.GetValue<string>(), out var id) ? id
            : throw ServerSyncException.BadRequest($"{name} must be a GUID, not {node?.ToJsonString() ?? "null"}.");

    public static JsonObject Object(JsonNode? node, string name) =>
        node as JsonObject ?? throw ServerSyncException.BadRequest($"Each item of {name} must be an object, not {node?.ToJsonString() ?? "null"}.");
}
