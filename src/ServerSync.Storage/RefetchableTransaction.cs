using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ServerSync.Storage.Sqlite;

namespace ServerSync.Storage;

/// <summary>
/// A transaction holding only what a mail server can hand over again: new activities together with the sync state that
/// records them as fetched. Its commit does not wait for the disk: on SQLite synchronous=NORMAL (WAL), on PostgreSQL
/// synchronous_commit=off for this transaction only. A crash of the process (or of PostgreSQL) or a power failure can
/// only undo such commits whole and in order, sync state included, so the next cycle fetches the same mail again and
/// nothing is lost or duplicated. Every other transaction waits for the disk (SQLite FULL, PostgreSQL as configured), so what users
/// write through the API is on disk when they get their answer.
/// </summary>
public sealed class RefetchableTransaction : IAsyncDisposable
{
    private readonly ServerSyncDbContext _db;
    private readonly IDbContextTransaction _transaction;
    private readonly bool _relaxedSqlite;

    private RefetchableTransaction(ServerSyncDbContext db, IDbContextTransaction transaction, bool relaxedSqlite)
    {
        _db = db;
        _transaction = transaction;
        _relaxedSqlite = relaxedSqlite;
    }

    public static async Task<RefetchableTransaction> BeginAsync(ServerSyncDbContext db, CancellationToken ct)
    {
        var sqlite = db.Database.IsSqlite();
        if (sqlite)
        {
            // The setting belongs to the connection, so it stays open until the transaction is disposed and set back.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL;", ct);
        }
        var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit TO OFF;", ct);
        return new RefetchableTransaction(db, transaction, sqlite);
    }

    public Task CommitAsync(CancellationToken ct) => _transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        if (_relaxedSqlite)
        {
            // The pooled connection goes back with the setting every connection opens with.
            await _db.Database.ExecuteSqlRawAsync(SqliteConnectionSettings.Synchronous);
            await _db.Database.CloseConnectionAsync();
        }
    }
}
