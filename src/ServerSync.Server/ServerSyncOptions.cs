namespace ServerSync.Server;

/// <summary>Deployment settings under the configuration section <c>ServerSync</c> (env: <c>ServerSync__Name</c>).</summary>
public sealed class ServerSyncOptions
{
    /// <summary>Where the SQLite file and the Data Protection keys live.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Refuse tokens over plain HTTP. Off by default because the embedded default listens on 127.0.0.1 only;
    /// turn it on (or put TLS in front) before listening on a network.
    /// </summary>
    public bool RequireHttps { get; set; }
}
