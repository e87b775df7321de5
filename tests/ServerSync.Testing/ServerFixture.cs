using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ServerSync.Testing;

/// <summary>
/// A real ServerSync server in-process on a fresh store. The SQLite and PostgreSQL variants run the
/// same tests; PostgreSQL comes from scripts/test.sh (SERVERSYNC_TEST_PG), a real server on 127.0.0.1.
/// </summary>
public abstract class ServerFixture : IAsyncLifetime, IServerHost
{
    public const string AdminUpn = "admin@serversync.local";
    public const string AdminPassword = "Admin-pass-1234567";

    /// <summary>The key encryption key of every test server's Data Protection keys (one per test run).</summary>
    public static readonly string KeyEncryptionKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("serversync-test-").FullName;
    private WebApplicationFactory<Program>? _factory;

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The server is not started.");

    protected abstract string Provider { get; }

    /// <summary>Further configuration; by default the API alone, without the sync engine.</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings() => [("ServerSync:EngineEnabled", "false")];

    /// <summary>Services to replace after the server's own (a fake clock, in-memory connectors).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    protected abstract Task<string> CreateDatabaseAsync(string dataDirectory);

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var connectionString = await CreateDatabaseAsync(_dataDirectory);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ServerSync:DataDirectory", _dataDirectory);
            builder.UseSetting("ServerSync:Storage:Provider", Provider);
            builder.UseSetting("ServerSync:Storage:ConnectionString", connectionString);
            builder.UseSetting("SERVERSYNC_ADMIN_UPN", AdminUpn);
            builder.UseSetting("SERVERSYNC_ADMIN_PASSWORD", AdminPassword);
            builder.UseSetting("ServerSync:DataProtection:KeyEncryptionKey", KeyEncryptionKey);
            foreach (var (key, value) in Settings()) builder.UseSetting(key, value);
            builder.ConfigureTestServices(ConfigureServices);
        });
        _ = _factory.Server; // starts the host: migrations and first-start run now
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        await DropDatabaseAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }

    public HttpClient CreateClient() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}

/// <summary>A server whose clock the test moves forward.</summary>
public interface IShiftableClockServer : IServerHost
{
    ShiftableClock Clock { get; }
}

public class SqliteServerWithClock : SqliteServer, IShiftableClockServer
{
    public ShiftableClock Clock { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public class PostgresServerWithClock : PostgresServer, IShiftableClockServer
{
    public ShiftableClock Clock { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public class SqliteServer : ServerFixture
{
    protected override string Provider => "Sqlite";

    protected override Task<string> CreateDatabaseAsync(string dataDirectory) =>
        Task.FromResult($"Data Source={Path.Combine(dataDirectory, "serversync.db")}");
}

public class PostgresServer : ServerFixture
{
    private PostgresDatabase? _database;

    protected override string Provider => "Postgres";

    protected override async Task<string> CreateDatabaseAsync(string dataDirectory) =>
        (_database = await PostgresDatabase.CreateAsync()).ConnectionString;

    protected override async Task DropDatabaseAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }
}
