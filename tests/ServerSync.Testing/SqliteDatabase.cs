using Microsoft.Data.Sqlite;

namespace ServerSync.Testing;

/// <summary>A fresh SQLite file in a temporary folder, deleted with the folder on dispose (pools cleared first).</summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _folder;

    public SqliteDatabase(string prefix = "serversync-sqlite-") => _folder = Directory.CreateTempSubdirectory(prefix).FullName;

    public string ConnectionString => $"Data Source={Path.Combine(_folder, "store.db")}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
