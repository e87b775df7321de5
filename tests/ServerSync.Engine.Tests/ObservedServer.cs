using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>
/// ServerSync as a child process with its engine, the Prometheus endpoint behind a scrape token, JSON console logs and
/// every log category at Information (more than the defaults), so tests can read what an operator's tools would see.
/// </summary>
public sealed class ObservedServer : IAsyncLifetime
{
    public const string ScrapeToken = "scrape-token-0f3c9a7e5b1d";

    private readonly string _data = Directory.CreateTempSubdirectory("serversync-observed-").FullName;

    public ServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["ServerSync:DataDirectory"] = _data,
            ["ServerSync:Storage:Provider"] = "Sqlite",
            ["ServerSync:Storage:ConnectionString"] = $"Data Source={Path.Combine(_data, "serversync.db")}",
            ["SERVERSYNC_ADMIN_UPN"] = ServerFixture.AdminUpn,
            ["SERVERSYNC_ADMIN_PASSWORD"] = ServerFixture.AdminPassword,
            ["ServerSync:Metrics:Prometheus:Enabled"] = "true",
            ["ServerSync:Metrics:Prometheus:ScrapeToken"] = ScrapeToken,
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Information",
            ["Logging:LogLevel:OpenIddict"] = "Information",
            ["Logging:LogLevel:Orleans"] = "Information",
        };
        foreach (var (key, value) in EngineSettings.All()) settings[key] = value;
        Server = new ServerProcess(settings);
        await Server.StartAsync();
    }

    /// <summary>GET /metrics with the scrape token, parsed.</summary>
    public async Task<PrometheusScrape> ScrapeAsync()
    {
        using var http = Server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", ScrapeToken);
        var response = await http.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/metrics answered {(int)response.StatusCode}: {body}");
        return PrometheusScrape.Parse(body);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
