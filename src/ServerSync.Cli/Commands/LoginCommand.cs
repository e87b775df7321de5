using System.CommandLine;
using System.Text.Json.Nodes;
using ServerSync.Cli.Api;
using ServerSync.Cli.Sessions;

namespace ServerSync.Cli.Commands;

/// <summary>
/// <c>serversync login</c>: gets a token, proves it works on the environment with WhoAmI, and only then
/// saves the session, so a typo in --env never leaves a useless session behind.
/// </summary>
public static class LoginCommand
{
    public static Command Create(CliContext cli)
    {
        var url = new Option<string>("--url") { Description = "The ServerSync server, e.g. http://127.0.0.1:5080", Required = true };
        var env = new Option<string>("--env") { Description = "The environment name, e.g. contoso", Required = true };
        var user = new Option<string?>("--user") { Description = "A person's user principal name (password grant)" };
        var password = new Option<string?>("--password") { Description = "The password; else SERVERSYNC_PASSWORD, else asked for without echo" };
        var clientId = new Option<string?>("--client-id") { Description = "A registered application's client id (client credentials grant)" };
        var clientSecret = new Option<string?>("--client-secret") { Description = "The application's secret; else SERVERSYNC_CLIENT_SECRET, else asked for" };

        var command = new Command("login", "Sign in to an environment and save the session") { url, env, user, password, clientId, clientSecret };
        command.SetAction((parse, ct) => RunAsync(cli, parse.GetValue(url)!, parse.GetValue(env)!, parse.GetValue(user), parse.GetValue(password),
            parse.GetValue(clientId), parse.GetValue(clientSecret), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, string url, string env, string? user, string? password,
        string? clientId, string? clientSecret, CancellationToken ct)
    {
        var server = ParseServer(url);
        var environment = env.Trim();
        if (environment.Length == 0) throw CliException.Usage("--env must name an environment");
        if (string.IsNullOrWhiteSpace(user) == string.IsNullOrWhiteSpace(clientId))
            throw CliException.Usage("sign in either with --user (and a password) or with --client-id (and a client secret)");
        if (user is not null && clientSecret is not null) throw CliException.Usage("--client-secret goes with --client-id, not with --user");
        if (clientId is not null && password is not null) throw CliException.Usage("--password goes with --user, not with --client-id");

        using var http = cli.CreateHttpClient();
        AccessToken token;
        if (!string.IsNullOrWhiteSpace(user))
        {
            var secret = Secret(cli, password, "SERVERSYNC_PASSWORD", $"Password for {user}: ", "--password");
            token = await TokenClient.PasswordAsync(http, server, user.Trim(), secret, ct);
        }
        else
        {
            var secret = Secret(cli, clientSecret, "SERVERSYNC_CLIENT_SECRET", $"Client secret for {clientId}: ", "--client-secret");
            token = await TokenClient.ClientCredentialsAsync(http, server, clientId!.Trim(), secret, ct);
        }

        var expires = token.Lifetime is { } lifetime ? cli.Dependencies.Clock.GetUtcNow() + lifetime : (DateTimeOffset?)null;
        var session = new Session(server.AbsoluteUri.TrimEnd('/'), environment, token.Value, expires);
        var whoAmI = await new DataverseClient(http, session).GetAsync("WhoAmI", ct);
        cli.Sessions.Save(session);

        var who = !string.IsNullOrWhiteSpace(user) ? user.Trim() : $"application {clientId!.Trim()}";
        var userId = (whoAmI["UserId"] as JsonValue)?.ToString();
        cli.Out.WriteLine($"logged in to {environment} at {session.Url} as {who}" + (userId is null ? "" : $" (systemuserid {userId})"));
        return ExitCodes.Success;
    }

    /// <summary>The server's base URL, ending in a slash so that connect/token resolves under any path prefix.</summary>
    private static Uri ParseServer(string url)
    {
        if (!Uri.TryCreate(url.Trim().TrimEnd('/') + "/", UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(server.Query) || !string.IsNullOrEmpty(server.Fragment))
            throw CliException.Usage($"--url '{url}' is not an http or https URL such as http://127.0.0.1:5080");
        return server;
    }

    /// <summary>The option, else the environment variable, else a prompt; never echoed, never saved.</summary>
    private static string Secret(CliContext cli, string? given, string variable, string prompt, string option)
    {
        if (!string.IsNullOrEmpty(given)) return given;
        if (cli.Dependencies.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnv) return fromEnv;
        if (cli.Dependencies.PromptSecret(prompt) is { Length: > 0 } typed) return typed;
        throw CliException.Usage($"no secret given: pass {option}, set {variable}, or run in a terminal to be asked");
    }
}
