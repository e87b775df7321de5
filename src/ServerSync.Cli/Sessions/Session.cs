using System.Text.Json.Serialization;

namespace ServerSync.Cli.Sessions;

/// <summary>What <c>serversync login</c> remembers: where to go and the bearer token to go with. Never a password.</summary>
public sealed record Session(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("env")] string Environment,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires")] DateTimeOffset? Expires)
{
    /// <summary>The environment's Web API root, ending in a slash so relative paths resolve under it.</summary>
    [JsonIgnore]
    public Uri ApiBase => new($"{Url.TrimEnd('/')}/{Uri.EscapeDataString(Environment)}/api/data/v9.2/");
}
