using ServerSync.Cli.Api;
using ServerSync.Cli.Sessions;

namespace ServerSync.Cli.Commands;

/// <summary>What every command needs: output, the session store and an HTTP client per invocation.</summary>
public sealed class CliContext(CliDependencies dependencies)
{
    public CliDependencies Dependencies { get; } = dependencies;

    public TextWriter Out => Dependencies.Out;

    public SessionStore Sessions => new(Dependencies.ResolveSessionPath(), Dependencies.Clock);

    public HttpClient CreateHttpClient() => new(Dependencies.CreateHttpHandler(), disposeHandler: true);

    /// <summary>Runs work against the saved session's environment; without a session this fails with exit code 3.</summary>
    public async Task<int> WithApiAsync(Func<DataverseClient, Task<int>> work)
    {
        var session = Sessions.Load();
        using var http = CreateHttpClient();
        return await work(new DataverseClient(http, session));
    }
}
