using System.Data;
using Npgsql;
using ServerSync.Server.Cluster;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>
/// The query rows Orleans runs only now and then (hourly clean-up, deleting a whole cluster), which the two-node test
/// doesn't reach: run from OrleansQuery with parameters bound as Orleans binds them.
/// </summary>
public sealed class ClusteringQueriesTests : IAsyncLifetime
{
    private PostgresDatabase? _database;
    private NpgsqlConnection? _connection;

    private NpgsqlConnection Connection => _connection ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        await AdoNetClusteringSchema.ApplyAsync(_database.ConnectionString, CancellationToken.None);
        _connection = new NpgsqlConnection(_database.ConnectionString);
        await _connection.OpenAsync();
        await SqlAsync("""
            INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES ('c1'), ('c2');
            INSERT INTO OrleansMembershipTable (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime) VALUES
                ('c1', '10.0.0.1', 11111, 1, 'old-dead', 'h', 6, 30000, now() - interval '2 days', now() - interval '2 days'),
                ('c1', '10.0.0.2', 11111, 1, 'recent-dead', 'h', 6, 30000, now() - interval '1 hour', now() - interval '1 hour'),
                ('c1', '10.0.0.3', 11111, 1, 'old-active', 'h', 3, 30000, now() - interval '2 days', now() - interval '2 days'),
                ('c2', '10.0.0.1', 11111, 1, 'other-cluster', 'h', 6, 30000, now() - interval '2 days', now() - interval '2 days');
            """);
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    [Fact]
    public async Task Cleanup_deletes_only_the_cluster_s_inactive_silos_silent_since_the_date()
    {
        await RunAsync("CleanupDefunctSiloEntriesKey", ("DeploymentId", "c1", DbType.String), ("IAmAliveTime", DateTime.UtcNow.AddDays(-1), DbType.DateTime));
        Assert.Equal(["c1 recent-dead", "c1 old-active", "c2 other-cluster"], await SilosAsync());
    }

    [Fact]
    public async Task Deleting_a_cluster_s_entries_leaves_other_clusters()
    {
        await RunAsync("DeleteMembershipTableEntriesKey", ("DeploymentId", "c1", DbType.String));
        Assert.Equal(["c2 other-cluster"], await SilosAsync());
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM OrleansMembershipVersionTable"));
    }

    private async Task RunAsync(string key, params (string Name, object Value, DbType Type)[] parameters)
    {
        var text = (string)(await ScalarAsync($"SELECT QueryText FROM OrleansQuery WHERE QueryKey = '{key}'"))!;
        await using var command = new NpgsqlCommand(text, Connection);
        foreach (var (name, value, type) in parameters) command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> SilosAsync()
    {
        await using var command = new NpgsqlCommand("SELECT DeploymentId || ' ' || SiloName FROM OrleansMembershipTable ORDER BY DeploymentId, Address", Connection);
        await using var reader = await command.ExecuteReaderAsync();
        var silos = new List<string>();
        while (await reader.ReadAsync()) silos.Add(reader.GetString(0));
        return silos;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, Connection);
        return await command.ExecuteScalarAsync();
    }

    private async Task SqlAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, Connection);
        await command.ExecuteNonQueryAsync();
    }
}
