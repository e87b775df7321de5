using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using ServerSync.Engine.Scheduling;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>
/// Two ServerSync nodes as child processes on one fresh PostgreSQL database with ADO.NET clustering. They share the
/// data directory (every node needs the same Data Protection keys) and probe each other every second, so a killed
/// node is declared dead within seconds.
/// </summary>
public sealed class TwoNodeCluster : IAsyncDisposable
{
    public const int Active = 3, Dead = 6; // Orleans.Runtime.SiloStatus in OrleansMembershipTable.Status
    private const string ClusterId = "serversync"; // the default of ServerSync:Cluster:ClusterId

    private readonly string _data = Directory.CreateTempSubdirectory("serversync-cluster-").FullName;
    private readonly PostgresDatabase _database;

    private TwoNodeCluster(PostgresDatabase database)
    {
        _database = database;
        A = NewNode();
        B = NewNode();
    }

    public ClusterNode A { get; }
    public ClusterNode B { get; }

    public static async Task<TwoNodeCluster> StartAsync()
    {
        var cluster = new TwoNodeCluster(await PostgresDatabase.CreateAsync());
        try
        {
            await cluster.A.Server.StartAsync(); // the first node migrates the store and creates the Data Protection key
            await cluster.B.Server.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A node without ServerSync:HostId: it names itself by machine and silo port, so the two nodes differ.</summary>
    private ClusterNode NewNode()
    {
        var siloPort = ServerProcess.FreePort();
        var settings = new Dictionary<string, string>
        {
            ["ServerSync:DataDirectory"] = _data,
            ["ServerSync:Storage:Provider"] = "Postgres",
            ["ServerSync:Storage:ConnectionString"] = _database.ConnectionString,
            ["SERVERSYNC_ADMIN_UPN"] = ServerFixture.AdminUpn,
            ["SERVERSYNC_ADMIN_PASSWORD"] = ServerFixture.AdminPassword,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in EngineSettings.All()) settings[key] = value;
        settings["ServerSync:Cluster:Clustering"] = "AdoNet";
        settings["ServerSync:Cluster:AdvertisedAddress"] = "127.0.0.1";
        settings["ServerSync:Cluster:SiloPort"] = siloPort.ToString();
        settings["ServerSync:Cluster:Membership:ProbeTimeout"] = "00:00:01";
        return new ClusterNode($"{Environment.MachineName}:{siloPort}", siloPort, new ServerProcess(settings));
    }

    /// <summary>Status of each silo of the cluster in OrleansMembershipTable by silo port (its latest incarnation).</summary>
    public async Task<Dictionary<int, int>> MembershipAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT Port, Status FROM OrleansMembershipTable WHERE DeploymentId = @cluster ORDER BY Generation", connection);
        command.Parameters.AddWithValue("cluster", ClusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var statuses = new Dictionary<int, int>();
        while (await reader.ReadAsync()) statuses[reader.GetInt32(0)] = reader.GetInt32(1);
        return statuses;
    }

    /// <summary>An Orleans client of this cluster (through the gateways in the membership table), to look at activations.</summary>
    public async Task<IHost> ConnectClientAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = _database.ConnectionString;
            })
            .Configure<ClusterOptions>(o => o.ClusterId = o.ServiceId = ClusterId));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>The silo port of every activation of each mailbox's grain, cluster-wide.</summary>
    public static async Task<ILookup<Guid, int>> MailboxActivationsAsync(IHost client)
    {
        var management = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var activations = await management.GetDetailedGrainStatistics();
        return activations
            .Where(a => a.GrainType.Contains(nameof(MailboxGrain)))
            .ToLookup(a => a.GrainId.GetGuidKey(), a => a.SiloAddress.Endpoint.Port);
    }

    public async ValueTask DisposeAsync()
    {
        await A.Server.DisposeAsync();
        await B.Server.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }
}
