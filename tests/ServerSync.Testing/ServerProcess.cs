using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ServerSync.Testing;

/// <summary>
/// ServerSync as a real child process (the built ServerSync.Server.dll), so a test can kill it hard
/// (SIGKILL, no shutdown code runs) and start it again on the same store.
/// </summary>
public sealed class ServerProcess(IReadOnlyDictionary<string, string> settings) : IServerHost, IAsyncDisposable
{
    private readonly int _port = FreePort();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}");

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>Every line the process wrote to stdout and stderr so far, across restarts (for tests that read the log).</summary>
    public IReadOnlyCollection<string> Output => _output;

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", [ServerDll()])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(ServerDll())!,
        };
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString();
        // Restarts and the nodes of a cluster share the keys, so they share their protection too.
        if (!settings.Keys.Any(k => k.StartsWith("ServerSync:DataProtection:", StringComparison.Ordinal)))
            start.Environment["ServerSync__DataProtection__KeyEncryptionKey"] = ServerFixture.KeyEncryptionKey;
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is { } line) _output.Enqueue(line); };
        _errors.Clear();
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            _output.Enqueue(line);
            _errors.Enqueue(line);
            if (_errors.Count > 20) _errors.TryDequeue(out string? _); // only the last lines explain a failed start
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the redirected output
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} while starting: {string.Join(" | ", _errors.TakeLast(5))}");
            }
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The server did not answer /health within 90 s.");
            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything.</summary>
    public void Kill()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The server built in the same configuration as the tests (scripts/test.sh builds the solution first).</summary>
    private static string ServerDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(MailStack.RepositoryRoot(), "src", "ServerSync.Server", "bin", configuration, "net10.0", "ServerSync.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the solution first: {dll} is missing.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
