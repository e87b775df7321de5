using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ServerSync.Storage.Sqlite;

/// <summary>
/// Copies SQLite's write-ahead log into the database file every second, off the writers' path (connections do not
/// checkpoint at commit, see <see cref="SqliteConnectionSettings"/>). A PASSIVE checkpoint never blocks readers or
/// writers; when the log has grown past 64 MB anyway (readers kept it from completing), a RESTART checkpoint waits for
/// them briefly so the log can start over.
/// </summary>
public sealed class SqliteCheckpointer(StorageOptions options, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private const long RestartAfterFrames = 64L * 1024 * 1024 / 4096;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckpointAsync(stoppingToken);
            }
            catch (SqliteException e)
            {
                // Busy or locked (a migration, a backup): the next tick tries again; the log only grows meanwhile.
                logger.LogDebug(e, "SQLite checkpoint skipped");
            }
        }
    }

    /// <summary>One checkpoint; returns the log's size in frames before it and how many were copied.</summary>
    public async Task<(long LogFrames, long Copied)> CheckpointAsync(CancellationToken ct)
    {
        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync(ct);
        var (log, copied) = await RunAsync(connection, "PASSIVE", ct);
        if (log > RestartAfterFrames && copied < log) (log, copied) = await RunAsync(connection, "RESTART", ct);
        return (log, copied);
    }

    private static async Task<(long, long)> RunAsync(SqliteConnection connection, string mode, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        await using var reader = await command.ExecuteReaderAsync(ct);
        // Columns: busy, frames in the log, frames checkpointed (-1, -1 when the database is not in WAL mode).
        return await reader.ReadAsync(ct) ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
    }
}
