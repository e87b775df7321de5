using Microsoft.Playwright;
using ServerSync.Testing;

namespace ServerSync.AdminUi.Tests;

/// <summary>
/// The built server as a child process on a free port (a browser can't reach WebApplicationFactory's TestServer),
/// with its sync engine running, and Debian's headless Chromium driven by Playwright. Playwright never downloads a
/// browser: it launches /usr/bin/chromium (scripts/test.sh installs it with apt).
/// </summary>
public sealed class AdminCenterFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _data = Directory.CreateTempSubdirectory("serversync-ui-").FullName;
    private ServerProcess? _server;
    private IPlaywright? _playwright;

    public ServerProcess Server => _server ?? throw new InvalidOperationException("not started");
    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl => (Environment.GetEnvironmentVariable("SERVERSYNC_UI_TEST_URL") is { Length: > 0 } url ? url : Server.BaseAddress.ToString()).TrimEnd('/');
    public static string Screenshots { get; } = Path.Combine(MailStack.RepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["ServerSync:DataDirectory"] = _data,
            ["ServerSync:Storage:Provider"] = "Sqlite",
            ["ServerSync:Storage:ConnectionString"] = $"Data Source={Path.Combine(_data, "serversync.db")}",
            ["SERVERSYNC_ADMIN_UPN"] = ServerFixture.AdminUpn,
            ["SERVERSYNC_ADMIN_PASSWORD"] = ServerFixture.AdminPassword,
            // The engine runs, tuned to look every second, so Test & Enable really runs and writes its alerts.
            ["ServerSync:EngineEnabled"] = "true",
            ["ServerSync:SchedulerIntervalSeconds"] = "1",
            // Mailboxes on the test mail stack (monitoring history from a real sync) need its self-signed CA.
            ["ServerSync:TrustedCaFile"] = MailStack.Current.TlsCertificate,
            ["ServerSync:Cluster:SiloPort"] = ServerProcess.FreePort().ToString(),
            ["ServerSync:Cluster:GatewayPort"] = ServerProcess.FreePort().ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        _server = new ServerProcess(settings);
        // SERVERSYNC_UI_TEST_URL: drive an already running server instead (for looking at its log while developing).
        if (Environment.GetEnvironmentVariable("SERVERSYNC_UI_TEST_URL") is not { Length: > 0 }) await _server.StartAsync();

        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install chromium); scripts/test.sh does.");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(Screenshots);
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    /// <summary>A fresh browser context (its own cookies) at 1280×800, or another size.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "en-US",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        Pages.Add(page);
        return page;
    }

    /// <summary>Every page opened, so a failing test can leave a screenshot of each (artifacts/screenshots/FAILED-*.png).</summary>
    public List<IPage> Pages { get; } = [];

    public async Task ShootAllAsync(string prefix, int first = 0)
    {
        for (var i = first; i < Pages.Count; i++)
        {
            try { await Pages[i].ShotAsync($"FAILED-{prefix}-{i}"); } catch (PlaywrightException) { }
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class AdminCenterCollection : ICollectionFixture<AdminCenterFixture>
{
    public const string Name = "Admin center";
}
