using Microsoft.Data.Sqlite;
using Npgsql;

namespace ServerSync.Bench;

public static class Versions
{
    public static string? Postgres()
    {
        if (Environment.GetEnvironmentVariable("SERVERSYNC_TEST_PG") is not { } cs) return null;
        try
        {
            using var connection = new NpgsqlConnection(cs);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT version()", connection);
            var text = (string)command.ExecuteScalar()!;
            using var settings = new NpgsqlCommand("SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes','shared_buffers')", connection);
            return $"{text.Split(" on ")[0]} ({settings.ExecuteScalar()}; started by scripts/pg-start.sh)";
        }
        catch (NpgsqlException e)
        {
            return "unreachable: " + e.Message;
        }
    }

    public static string Sqlite()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return $"{command.ExecuteScalar()} (Microsoft.Data.Sqlite; database file in a temp folder on {Machine.FileSystemOf(Path.GetTempPath())}; journal_mode=WAL as ServerSync sets it at start, default synchronous=FULL)";
    }
}
