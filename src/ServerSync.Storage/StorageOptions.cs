namespace ServerSync.Storage;

/// <summary>Which database ServerSync uses (configuration section <c>ServerSync:Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary><c>Sqlite</c> (default, a file under ./data) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    public string ConnectionString { get; set; } = "Data Source=data/serversync.db";
}
