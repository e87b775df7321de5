using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerSync.Cli.Api;

/// <summary>Turns a failed HTTP response into the one-line error the user sees.</summary>
public static class ApiErrors
{
    /// <param name="response">The failed response.</param>
    /// <param name="sessionRequest">True when the request carried the saved token: a 401 then means the session is gone.
    /// The token endpoint's own 401 (a wrong client secret) is an ordinary refusal.</param>
    /// <param name="ct">Cancels reading the body.</param>
    public static async Task<CliException> FromResponseAsync(HttpResponseMessage response, bool sessionRequest, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        var (message, code) = Parse(text) ?? ($"the server answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null);

        // A rejected bearer token means the session is gone, not that the request was wrong.
        return sessionRequest && response.StatusCode == HttpStatusCode.Unauthorized
            ? CliException.NotConnected($"{message} The session is not valid any more; run 'serversync login' again.", code)
            : CliException.Refused(message, code);
    }

    /// <summary>
    /// The Web API's <c>{"error":{"code","message"}}</c>, or the token endpoint's OAuth shape
    /// <c>{"error":"invalid_grant","error_description":"…"}</c>; null for anything else.
    /// </summary>
    public static (string Message, string? Code)? Parse(string body)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(body); }
        catch (JsonException) { return null; }
        if (node is not JsonObject root) return null;

        switch (root["error"])
        {
            case JsonObject error when error["message"] is JsonValue message:
                return (message.ToString(), (error["code"] as JsonValue)?.ToString());
            case JsonValue oauth when oauth.GetValueKind() == JsonValueKind.String:
                var description = (root["error_description"] as JsonValue)?.ToString();
                return (string.IsNullOrEmpty(description) ? oauth.ToString() : description, oauth.ToString());
            default:
                return null;
        }
    }
}
