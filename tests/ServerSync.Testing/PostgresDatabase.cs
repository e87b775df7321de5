using Npgsql;

namespace ServerSync.Testing;

/// <summary>A fresh database on the test PostgreSQL (SERVERSYNC_TEST_PG), dropped on dispose.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _name = $"serversync_test_{Guid.NewGuid():N}";

    private PostgresDatabase() { }

    private static string ServerConnection => Environment.GetEnvironmentVariable("SERVERSYNC_TEST_PG")
        ?? throw new InvalidOperationException("SERVERSYNC_TEST_PG is not set: run the tests with scripts/test.sh, which starts PostgreSQL.");

    public string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnection) { Database = _name }.ConnectionString;

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var database = new PostgresDatabase();
        await OnServerAsync($"CREATE DATABASE {database._name}");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await OnServerAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private static async Task OnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
