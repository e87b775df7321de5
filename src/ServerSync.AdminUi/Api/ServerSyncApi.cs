using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using ServerSync.AdminUi.Auth;

namespace ServerSync.AdminUi.Api;

/// <summary>A refusal or failure of the API, with the message and code exactly as the API returned them.</summary>
public sealed class ApiException(HttpStatusCode status, string? code, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
    public string? Code { get; } = code;
}

/// <summary>
/// The UI's only way to the data: the server's own HTTP API at its own address, with the signed-in user's bearer
/// token. Nothing here decides what the user may do; the API does.
/// </summary>
public sealed class ServerSyncApi(IHttpClientFactory clients, IServer server, IConfiguration configuration, AuthenticationStateProvider auth)
{
    public const string HttpClientName = "ServerSync.AdminUi";

    public static string Data(string environment, string path) => $"/{Uri.EscapeDataString(environment)}/api/data/v9.2/{path}";

    /// <summary>The base address the server listens on (loopback when it listens on every interface).</summary>
    public static Uri BaseAddress(IServer server, IConfiguration configuration)
    {
        if (configuration["ServerSync:AdminUi:ApiBaseAddress"] is { Length: > 0 } configured) return new Uri(configured);
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        address = address.Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://[::1]").Replace("://+", "://localhost").Replace("://*", "://localhost");
        return new Uri(address.TrimEnd('/') + "/");
    }

    private async Task<HttpClient> ClientAsync()
    {
        var http = clients.CreateClient(HttpClientName);
        http.BaseAddress = BaseAddress(server, configuration);
        var state = await auth.GetAuthenticationStateAsync();
        var token = state.User.AccessToken() ?? throw new ApiException(HttpStatusCode.Unauthorized, null, "You are signed out; sign in again.");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public async Task<JsonObject> GetAsync(string url) => (JsonObject)(await SendAsync(HttpMethod.Get, url))!;

    /// <summary>Every row of a query, following @odata.nextLink.</summary>
    public async Task<List<JsonObject>> ListAsync(string url)
    {
        var rows = new List<JsonObject>();
        string? next = url;
        while (next is not null)
        {
            var page = await GetAsync(next);
            rows.AddRange(((JsonArray)page["value"]!).OfType<JsonObject>());
            next = page["@odata.nextLink"]?.GetValue<string>();
        }
        return rows;
    }

    /// <summary>One page of a query (Prefer: odata.maxpagesize), with its total when $count=true.</summary>
    public async Task<(List<JsonObject> Rows, int? Count, string? NextLink)> PageAsync(string url, int pageSize)
    {
        var page = (JsonObject)(await SendAsync(HttpMethod.Get, url, null, ("Prefer", $"odata.maxpagesize={pageSize}")))!;
        return (((JsonArray)page["value"]!).OfType<JsonObject>().ToList(), page["@odata.count"]?.GetValue<int>(), page["@odata.nextLink"]?.GetValue<string>());
    }

    public Task<JsonNode?> PostAsync(string url, JsonNode body, params (string, string)[] headers) => SendAsync(HttpMethod.Post, url, body, headers);

    public Task<JsonNode?> PatchAsync(string url, JsonNode body) => SendAsync(HttpMethod.Patch, url, body);

    public Task<JsonNode?> PutAsync(string url, JsonNode body) => SendAsync(HttpMethod.Put, url, body);

    public Task<JsonNode?> DeleteAsync(string url) => SendAsync(HttpMethod.Delete, url);

    public async Task<JsonNode?> SendAsync(HttpMethod method, string url, JsonNode? body = null, params (string, string)[] headers)
    {
        var http = await ClientAsync();
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw Error(response.StatusCode, text);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>The Dataverse error shape <c>{"error":{"code","message"}}</c> or OAuth's <c>{"error","error_description"}</c>.</summary>
    public static ApiException Error(HttpStatusCode status, string text)
    {
        try
        {
            var node = JsonNode.Parse(text);
            if (node?["error"] is JsonObject error)
                return new ApiException(status, error["code"]?.ToString(), error["message"]?.ToString() ?? status.ToString());
            if (node?["error_description"] is { } description)
                return new ApiException(status, node["error"]?.ToString(), description.ToString());
        }
        catch (System.Text.Json.JsonException) { }
        return status == HttpStatusCode.Unauthorized
            ? new ApiException(status, null, "Your session has expired; sign in again.")
            : new ApiException(status, null, $"The server answered {(int)status} {status}.");
    }
}
