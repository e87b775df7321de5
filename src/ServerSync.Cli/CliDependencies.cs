namespace ServerSync.Cli;

/// <summary>
/// Everything the CLI touches outside itself, so tests can run it against an in-process server with
/// captured output, a private session file and a fake environment.
/// </summary>
public sealed class CliDependencies
{
    /// <summary>Creates the handler for each command's <see cref="HttpClient"/>; the client disposes it.</summary>
    public required Func<HttpMessageHandler> CreateHttpHandler { get; init; }

    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Reads an environment variable; null when unset.</summary>
    public required Func<string, string?> GetEnvironmentVariable { get; init; }

    /// <summary>The session file; when null, SERVERSYNC_SESSION or <c>~/.config/serversync/session.json</c>.</summary>
    public string? SessionPath { get; init; }

    /// <summary>Asks for a secret without echo; returns null when there is no terminal to ask on.</summary>
    public Func<string, string?> PromptSecret { get; init; } = _ => null;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The session file actually used, after the environment override and the default.</summary>
    public string ResolveSessionPath()
    {
        if (!string.IsNullOrEmpty(SessionPath)) return SessionPath;
        if (GetEnvironmentVariable("SERVERSYNC_SESSION") is { Length: > 0 } fromEnv) return fromEnv;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".config", "serversync", "session.json");
    }
}
