using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ServerSync.Testing;

/// <summary>A signed-in caller of the HTTP API, with helpers that assert the response status.</summary>
public sealed class Api(HttpClient http, string environment)
{
    public HttpClient Http { get; } = http;
    public string Environment { get; } = environment;

    public static async Task<Api> SignInAsync(IServerHost server, string upn, string password, string environment = "")
    {
        var http = server.CreateClient();
        var token = await RequestTokenAsync(http, new() { ["grant_type"] = "password", ["username"] = upn, ["password"] = password });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Api(http, environment);
    }

    public static async Task<string> RequestTokenAsync(HttpClient http, Dictionary<string, string> form)
    {
        var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"token request failed: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    public Api In(string environment) => new(Http, environment);

    /// <summary>A path under the environment's Web API.</summary>
    public string Data(string path) => $"/{Environment}/api/data/v9.2/{path}";

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, JsonNode? body = null, params (string, string)[] headers)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return Http.SendAsync(request);
    }

    public async Task<JsonObject> GetAsync(string path, params (string, string)[] headers) =>
        (JsonObject)(await ExpectAsync(HttpStatusCode.OK, await SendAsync(HttpMethod.Get, Data(path), null, headers)))!;

    public async Task<JsonArray> ListAsync(string path) => (JsonArray)(await GetAsync(path))["value"]!;

    /// <summary>Creates a row and returns it as stored.</summary>
    public async Task<JsonObject> CreateAsync(string set, JsonObject body) =>
        (JsonObject)(await ExpectAsync(HttpStatusCode.Created, await SendAsync(HttpMethod.Post, Data(set), body, ("Prefer", "return=representation"))))!;

    public async Task PatchAsync(string path, JsonObject body) =>
        await ExpectAsync(HttpStatusCode.NoContent, await SendAsync(HttpMethod.Patch, Data(path), body));

    public async Task<JsonObject> PostActionAsync(string path, JsonObject body) =>
        (JsonObject)(await ExpectAsync(HttpStatusCode.OK, await SendAsync(HttpMethod.Post, Data(path), body)))!;

    public async Task<JsonObject> AdminAsync(HttpMethod method, string path, JsonObject? body, HttpStatusCode expected) =>
        (JsonObject)(await ExpectAsync(expected, await SendAsync(method, path, body)))!;

    /// <summary>Sends and asserts a Dataverse-shaped error; returns its message.</summary>
    public async Task<string> ExpectErrorAsync(HttpMethod method, string url, JsonNode? body, HttpStatusCode status, string? code = null)
    {
        var response = await SendAsync(method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        var error = JsonNode.Parse(text)!["error"]!;
        if (code is not null) Assert.Equal(code, error["code"]!.GetValue<string>());
        var message = error["message"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message;
    }

    public static async Task<JsonNode?> ExpectAsync(HttpStatusCode status, HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}
