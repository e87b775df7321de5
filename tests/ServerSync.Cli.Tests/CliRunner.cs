using System.Text.Json.Nodes;

namespace ServerSync.Cli.Tests;

/// <summary>What one run of the CLI did.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public JsonNode Json => JsonNode.Parse(Out) ?? throw new InvalidOperationException("stdout is JSON null");

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";
}

/// <summary>
/// Runs <see cref="CliApp"/> as a user would run <c>serversync</c>, against the in-process server, with
/// its own session file and environment variables.
/// </summary>
public sealed class CliRunner(Func<HttpMessageHandler> createHandler, string sessionPath)
{
    public Dictionary<string, string> EnvironmentVariables { get; } = new();

    /// <summary>Every prompt shown, and what the "user" types (null: no terminal).</summary>
    public List<string> Prompts { get; } = [];

    public string? TypedSecret { get; set; }

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public string? SessionPath { get; set; } = sessionPath;

    public Func<HttpMessageHandler> CreateHandler { get; set; } = createHandler;

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var app = new CliApp(new CliDependencies
        {
            CreateHttpHandler = CreateHandler,
            Out = stdout,
            Error = stderr,
            GetEnvironmentVariable = name => EnvironmentVariables.GetValueOrDefault(name),
            SessionPath = SessionPath,
            PromptSecret = prompt => { Prompts.Add(prompt); return TypedSecret; },
            Clock = Clock,
        });
        var exit = await app.RunAsync(args);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }
}
