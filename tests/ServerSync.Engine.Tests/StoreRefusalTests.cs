using Microsoft.Data.Sqlite;
using Npgsql;
using ServerSync.Storage;

namespace ServerSync.Engine.Tests;

/// <summary>Only errors about the data written let the engine skip a message; a failing store never does.</summary>
public sealed class StoreRefusalTests
{
    [Theory]
    [InlineData("22021", true)] // invalid byte sequence
    [InlineData("22001", true)] // value too long
    [InlineData("23505", true)] // unique violation
    [InlineData("23503", true)] // foreign key violation
    [InlineData("54000", true)] // index row too large
    [InlineData("53100", false)] // disk full
    [InlineData("57P01", false)] // administrator shutdown
    [InlineData("08006", false)] // connection failure
    [InlineData("40001", false)] // serialization failure
    [InlineData("42P01", false)] // undefined table: a broken schema is the store's fault
    public void Postgres(string sqlState, bool refused) =>
        Assert.Equal(refused, StoreRefusal.IsRefusedData(new PostgresException("test", "ERROR", "ERROR", sqlState)));

    [Theory]
    [InlineData(19, true)] // SQLITE_CONSTRAINT
    [InlineData(18, true)] // SQLITE_TOOBIG
    [InlineData(20, true)] // SQLITE_MISMATCH
    [InlineData(13, false)] // SQLITE_FULL
    [InlineData(5, false)] // SQLITE_BUSY
    [InlineData(10, false)] // SQLITE_IOERR
    [InlineData(11, false)] // SQLITE_CORRUPT
    public void Sqlite(int code, bool refused) => Assert.Equal(refused, StoreRefusal.IsRefusedData(new SqliteException("test", code)));

    [Fact]
    public void A_connection_failure_is_never_a_refusal() => Assert.False(StoreRefusal.IsRefusedData(new NpgsqlException("connection refused")));
}
