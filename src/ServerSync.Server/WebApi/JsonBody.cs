using System.Text.Json;
using System.Text.Json.Nodes;
using ServerSync.Domain.Errors;

namespace ServerSync.Server.WebApi;

/// <summary>
/// Reads a Web API request body as one JSON object, refusing up front what would otherwise fail later as a 500:
/// a key given twice (which value would count?) and a string with a lone UTF-16 surrogate (no store can keep it).
/// </summary>
public static class JsonBody
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        if (!(request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw ServerSyncException.BadRequest("The request body must be JSON (Content-Type: application/json).");
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, documentOptions: Strict, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            throw Invalid(e.Message);
        }
        catch (InvalidOperationException e) // a property name with a lone surrogate fails while the object is built
        {
            throw Invalid($"a property name contains an unpaired surrogate ({e.Message})");
        }
        if (node is not JsonObject body) throw ServerSyncException.BadRequest("The request body must be a JSON object.");
        EnsureWellFormedText(body);
        return body;
    }

    private static void EnsureWellFormedText(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj) EnsureWellFormedText(child);
                break;
            case JsonArray array:
                foreach (var child in array) EnsureWellFormedText(child);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                string text;
                try
                {
                    text = value.GetValue<string>();
                }
                catch (InvalidOperationException)
                {
                    throw Invalid($"the string at {value.GetPath()} contains an unpaired surrogate");
                }
                if (HasLoneSurrogate(text)) throw Invalid($"the string at {value.GetPath()} contains an unpaired surrogate");
                break;
        }
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i])) continue;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else return true;
        }
        return false;
    }

    private static ServerSyncException Invalid(string why) => ServerSyncException.BadRequest($"The request body is not valid JSON: {why}.");
}
