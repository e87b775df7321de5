namespace ServerSync.Cli;

/// <summary>Wires the real console, network and environment into <see cref="CliApp"/>.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var app = new CliApp(new CliDependencies
        {
            CreateHttpHandler = () => new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) },
            Out = Console.Out,
            Error = Console.Error,
            GetEnvironmentVariable = Environment.GetEnvironmentVariable,
            PromptSecret = ConsoleSecretPrompt.Read,
        });
        return await app.RunAsync(args);
    }
}
