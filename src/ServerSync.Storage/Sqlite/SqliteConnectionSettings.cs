using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ServerSync.Storage.Sqlite;

/// <summary>
/// Per-connection SQLite settings, applied whenever EF Core opens a connection (SQLite keeps them per connection, not in
/// the file): commits wait for the disk (synchronous=FULL; only <see cref="RefetchableTransaction"/> relaxes it, and sets
/// it back); no checkpoint at commit time, as <see cref="SqliteCheckpointer"/> copies the write-ahead log into the
/// database in the background instead, so a commit is only the log append; the log file is cut back to 64 MB after each reset.
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public const string Synchronous = "PRAGMA synchronous=FULL;";
    private const string Pragmas = Synchronous + " PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=67108864;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    // Microsoft.Data.Sqlite runs in process and completes "async" commands synchronously anyway.
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
