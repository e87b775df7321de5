using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerSync.Cli.Sessions;

namespace ServerSync.Cli.Api;

/// <summary>What a write answered: the body (when asked for) and the OData-EntityId header.</summary>
public sealed record WriteResult(JsonObject? Body, string? EntityId);

/// <summary>Authenticated calls to one environment's Web API, <c>{url}/{env}/api/data/v9.2/</c>.</summary>
public sealed class DataverseClient(HttpClient http, Session session)
{
    private const string ApiSegment = "/api/data/v9.2/";

    public Session Session { get; } = session;

    public async Task<JsonObject> GetAsync(string relative, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, Resolve(relative));
        return await ReadObjectAsync(await SendAsync(request, ct), ct)
            ?? throw CliException.Refused($"the server answered GET {relative} without a body");
    }

    /// <summary>Every row of a collection, following <c>@odata.nextLink</c> page by page.</summary>
    public async Task<List<JsonObject>> ListAsync(string relative, int? pageSize, int? limit, CancellationToken ct)
    {
        var rows = new List<JsonObject>();
        Uri? next = Resolve(relative);
        var seen = new HashSet<string>();
        while (next is not null && (limit is null || rows.Count < limit))
        {
            // A server that hands back the same link again would otherwise keep us here forever.
            if (!seen.Add(next.AbsoluteUri))
                throw CliException.Refused($"the server returned the same @odata.nextLink twice: {next}");
            using var request = Request(HttpMethod.Get, next);
            if (pageSize is { } size) request.Headers.Add("Prefer", $"odata.maxpagesize={size}");
            var page = await ReadObjectAsync(await SendAsync(request, ct), ct);
            if (page?["value"] is not JsonArray values)
                throw CliException.Refused($"the server answered GET {relative} without a \"value\" array");
            rows.AddRange(values.OfType<JsonObject>().Select(v => (JsonObject)v.DeepClone()));
            next = (page["@odata.nextLink"] as JsonValue)?.ToString() is { Length: > 0 } link ? Rebase(link) : null;
        }
        return limit is { } max && rows.Count > max ? rows.GetRange(0, max) : rows;
    }

    /// <summary>PATCH a row; <c>If-Match: *</c> makes it an update only, never the upsert a bare PATCH can be.</summary>
    public async Task PatchAsync(string relative, JsonObject body, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Patch, Resolve(relative), body);
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
        using var response = await SendAsync(request, ct);
    }

    public async Task<WriteResult> PostAsync(string relative, JsonObject body, bool returnRepresentation, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, Resolve(relative), body);
        if (returnRepresentation) request.Headers.Add("Prefer", "return=representation");
        var response = await SendAsync(request, ct);
        var entityId = response.Headers.TryGetValues("OData-EntityId", out var values) ? values.FirstOrDefault() : null;
        return new WriteResult(await ReadObjectAsync(response, ct), entityId);
    }

    /// <summary>A path under the environment's API root; query strings are kept as given.</summary>
    private Uri Resolve(string relative) => new(Session.ApiBase, relative);

    /// <summary>
    /// Follows a next link through the URL the user logged in to: a server behind a proxy may name its
    /// internal host, and the bearer token should only ever go where the user sent it.
    /// </summary>
    private Uri Rebase(string link)
    {
        var at = link.IndexOf(ApiSegment, StringComparison.OrdinalIgnoreCase);
        if (at < 0) throw CliException.Refused($"the server returned an @odata.nextLink outside the Web API: {link}");
        return Resolve(link[(at + ApiSegment.Length)..]);
    }

    private HttpRequestMessage Request(HttpMethod method, Uri uri, JsonObject? body = null)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Session.Token);
        request.Headers.Add("OData-MaxVersion", "4.0");
        request.Headers.Add("OData-Version", "4.0");
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return request;
    }

    /// <summary>Sends and returns a successful response; a refusal becomes a <see cref="CliException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await HttpSender.SendAsync(http, request, ct);
        if (response.IsSuccessStatusCode) return response;
        using (response) throw await ApiErrors.FromResponseAsync(response, sessionRequest: true, ct);
    }

    private static async Task<JsonObject?> ReadObjectAsync(HttpResponseMessage response, CancellationToken ct)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (string.IsNullOrWhiteSpace(text)) return null;
            try
            {
                return JsonNode.Parse(text) as JsonObject
                    ?? throw CliException.Refused("the server answered with JSON that is not an object");
            }
            catch (JsonException e)
            {
                throw CliException.Refused($"the server answered with something that is not JSON ({e.Message})");
            }
        }
    }
}
