using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ServerSync.Storage;

/// <summary>
/// Tells a store that refuses particular data (a constraint, a value it cannot hold) from a store that is failing
/// (unreachable, busy, full, broken). Only the first says something about the row being written: retrying it will fail
/// the same way, while everything else is worth retrying later. Deliberately a short list: what is not known to be
/// about the data counts as the store's fault, so a failing store never makes the engine skip mail.
/// </summary>
public static class StoreRefusal
{
    // https://www.sqlite.org/rescode.html: SQLITE_TOOBIG, SQLITE_CONSTRAINT, SQLITE_MISMATCH.
    private static readonly int[] SqliteDataErrors = [18, 19, 20];

    public static bool IsRefusedData(DbException error) => error switch
    {
        // SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation); 54000 (program limit exceeded:
        // a value too large for an index, for example).
        PostgresException pg => pg.SqlState.StartsWith("22", StringComparison.Ordinal) || pg.SqlState.StartsWith("23", StringComparison.Ordinal) || pg.SqlState == "54000",
        SqliteException sqlite => SqliteDataErrors.Contains(sqlite.SqliteErrorCode),
        _ => false,
    };
}
