namespace ServerSync.Testing;

/// <summary>A running ServerSync, in-process or as a child process, that tests talk to over HTTP.</summary>
public interface IServerHost
{
    HttpClient CreateClient();
}
