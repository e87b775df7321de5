using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerSync.Cli.Api;

/// <summary>An access token and when it stops working.</summary>
public sealed record AccessToken(string Value, TimeSpan? Lifetime);

/// <summary>The OAuth token endpoint, <c>POST {url}/connect/token</c>, with the password or client-credentials grant.</summary>
public static class TokenClient
{
    public static Task<AccessToken> PasswordAsync(HttpClient http, Uri server, string user, string password, CancellationToken ct) =>
        RequestAsync(http, server, [new("grant_type", "password"), new("username", user), new("password", password)], ct);

    public static Task<AccessToken> ClientCredentialsAsync(HttpClient http, Uri server, string clientId, string clientSecret, CancellationToken ct) =>
        RequestAsync(http, server, [new("grant_type", "client_credentials"), new("client_id", clientId), new("client_secret", clientSecret)], ct);

    private static async Task<AccessToken> RequestAsync(HttpClient http, Uri server, KeyValuePair<string, string>[] form, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "connect/token")) { Content = new FormUrlEncodedContent(form) };
        using var response = await HttpSender.SendAsync(http, request, ct);
        if (!response.IsSuccessStatusCode) throw await ApiErrors.FromResponseAsync(response, sessionRequest: false, ct);

        JsonObject? body;
        try { body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) as JsonObject; }
        catch (JsonException) { body = null; }
        var token = (body?["access_token"] as JsonValue)?.ToString();
        if (string.IsNullOrEmpty(token))
            throw CliException.Refused($"{server} answered the token request without an access_token; is this a ServerSync server?");
        var lifetime = body?["expires_in"] is JsonValue seconds && seconds.TryGetValue<long>(out var s) ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        return new AccessToken(token, lifetime);
    }
}
