using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ServerSync.Cli.Tests;

/// <summary>
/// The real ServerSync server, in process, on SQLite in a temporary folder. Its first start creates the
/// Global administrator; the fixture then creates the "clitest" environment through the admin API.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const string AdminUpn = "admin@serversync.local";
    public const string AdminPassword = "Admin-pass-1234567";
    public const string Environment = "clitest";

    /// <summary>Any host works: the test server's handler never opens a socket.</summary>
    public const string Url = "http://localhost";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("serversync-cli-server-").FullName;
    private WebApplicationFactory<global::Program>? _factory;
    private int _environments;

    public WebApplicationFactory<global::Program> Factory => _factory ?? throw new InvalidOperationException("The server has not started.");

    public string AdminToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<global::Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ServerSync:DataDirectory", _dataDirectory);
            builder.UseSetting("ServerSync:Storage:Provider", "Sqlite");
            builder.UseSetting("SERVERSYNC_ADMIN_PASSWORD", AdminPassword);
            builder.UseSetting("ServerSync:DataProtection:KeyEncryptionKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            builder.UseSetting("ServerSync:EngineEnabled", "false"); // the CLI talks to the API only
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        using var http = Factory.CreateClient();
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(
            [new("grant_type", "password"), new("username", AdminUpn), new("password", AdminPassword)]));
        response.EnsureSuccessStatusCode();
        AdminToken = (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        await CreateEnvironmentAsync(Environment, "CLI test");
    }

    public HttpMessageHandler CreateHandler() => Factory.Server.CreateHandler();

    /// <summary>A fresh environment for a test that changes state, so tests don't depend on each other's order.</summary>
    public async Task<string> NewEnvironmentAsync(string deploymentModel = "online")
    {
        var name = $"env-{Interlocked.Increment(ref _environments)}";
        await CreateEnvironmentAsync(name, $"CLI test {name}", deploymentModel);
        return name;
    }

    /// <summary>Calls the tenant admin API as the Global administrator.</summary>
    public async Task<JsonObject> AdminPostAsync(string path, object body)
    {
        using var http = Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private Task CreateEnvironmentAsync(string name, string displayName, string deploymentModel = "online") =>
        AdminPostAsync("/api/admin/environments", new { name, displayName, deploymentModel });

    public Task DisposeAsync()
    {
        _factory?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); }
        catch (IOException) { } // best effort: a leftover temp folder is harmless
        return Task.CompletedTask;
    }
}
