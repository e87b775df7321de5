using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ServerSync.Cli.Tests;

public sealed class LoginTests(ServerFixture server) : CliTestBase(server), IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Login_saves_an_owner_only_session_with_the_token_and_no_password()
    {
        var result = await Cli.RunAsync("login", "--url", ServerFixture.Url, "--env", "clitest",
            "--user", ServerFixture.AdminUpn, "--password", ServerFixture.AdminPassword);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^logged in to clitest at http://localhost as admin@serversync\.local \(systemuserid [0-9a-f-]{36}\)$", Assert.Single(result.OutLines));
        Assert.Equal("", result.Error);

        var text = await File.ReadAllTextAsync(SessionPath);
        var session = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("http://localhost", session["url"]!.GetValue<string>());
        Assert.Equal("clitest", session["env"]!.GetValue<string>());
        var token = session["token"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(token));
        Assert.True(session["expires"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddHours(1));
        Assert.DoesNotContain(ServerFixture.AdminPassword, text);
        Assert.DoesNotContain(token, result.Out);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(SessionPath));

        // The saved session works for the next command.
        var orgs = (await OkAsync("records", "list", "organizations", "--select", "name")).Json.AsArray();
        Assert.Equal("CLI test", Assert.Single(orgs)!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Login_again_replaces_the_session_and_keeps_it_owner_only()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SessionPath)!);
        await File.WriteAllTextAsync(SessionPath, "{}");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(SessionPath, (UnixFileMode)0b110_100_100); // 0644

        await LoginAsync();

        Assert.Equal("clitest", JsonNode.Parse(await File.ReadAllTextAsync(SessionPath))!["env"]!.GetValue<string>());
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(SessionPath));
    }

    [Fact]
    public async Task Login_takes_the_password_from_SERVERSYNC_PASSWORD()
    {
        Cli.EnvironmentVariables["SERVERSYNC_PASSWORD"] = ServerFixture.AdminPassword;

        await OkAsync("login", "--url", ServerFixture.Url, "--env", "clitest", "--user", ServerFixture.AdminUpn);

        Assert.Empty(Cli.Prompts);
        Assert.True(File.Exists(SessionPath));
    }

    [Fact]
    public async Task Login_asks_for_the_password_when_none_is_given()
    {
        Cli.TypedSecret = ServerFixture.AdminPassword;

        await OkAsync("login", "--url", ServerFixture.Url, "--env", "clitest", "--user", ServerFixture.AdminUpn);

        Assert.Equal($"Password for {ServerFixture.AdminUpn}: ", Assert.Single(Cli.Prompts));
    }

    [Fact]
    public async Task Login_without_any_password_and_no_terminal_is_a_usage_error()
    {
        var result = await Cli.RunAsync("login", "--url", ServerFixture.Url, "--env", "clitest", "--user", ServerFixture.AdminUpn);

        var line = AssertOneErrorLine(result, 2);
        Assert.Contains("SERVERSYNC_PASSWORD", line);
        Assert.False(File.Exists(SessionPath));
    }

    [Fact]
    public async Task Login_with_a_wrong_password_fails_with_one_line_and_saves_nothing()
    {
        var result = await Cli.RunAsync("login", "--url", ServerFixture.Url, "--env", "clitest",
            "--user", ServerFixture.AdminUpn, "--password", "not-the-password");

        var line = AssertOneErrorLine(result, 1);
        Assert.Equal("error: The user name or password is incorrect. (invalid_grant)", line);
        Assert.False(File.Exists(SessionPath));
    }

    [Fact]
    public async Task Login_to_an_environment_that_does_not_exist_fails_and_saves_nothing()
    {
        var result = await Cli.RunAsync("login", "--url", ServerFixture.Url, "--env", "nosuchenv",
            "--user", ServerFixture.AdminUpn, "--password", ServerFixture.AdminPassword);

        var line = AssertOneErrorLine(result, 1);
        Assert.Contains("There is no environment named 'nosuchenv'", line);
        Assert.EndsWith("(0x8006088a)", line);
        Assert.False(File.Exists(SessionPath));
    }

    [Fact]
    public async Task Login_with_client_credentials_signs_in_as_the_application_user()
    {
        var app = await Server.AdminPostAsync("/api/admin/applications", new { displayName = "CLI automation" });
        var clientId = app["clientId"]!.ToString();
        var clientSecret = app["clientSecret"]!.ToString();
        var environment = await Server.NewEnvironmentAsync();
        await LoginAsync(environment);
        var appUserId = Assert.Single((await OkAsync("records", "create", "systemuser", $"applicationid={clientId}")).OutLines);

        var result = await OkAsync("login", "--url", ServerFixture.Url, "--env", environment, "--client-id", clientId, "--client-secret", clientSecret);

        Assert.Equal($"logged in to {environment} at http://localhost as application {clientId} (systemuserid {appUserId})", Assert.Single(result.OutLines));
        Assert.DoesNotContain(clientSecret, await File.ReadAllTextAsync(SessionPath));
    }

    [Fact]
    public async Task Login_with_a_wrong_client_secret_fails()
    {
        var app = await Server.AdminPostAsync("/api/admin/applications", new { displayName = "CLI wrong secret" });
        Cli.EnvironmentVariables["SERVERSYNC_CLIENT_SECRET"] = "wrong-secret";

        var result = await Cli.RunAsync("login", "--url", ServerFixture.Url, "--env", "clitest", "--client-id", app["clientId"]!.ToString());

        Assert.Equal("error: The client id or client secret is incorrect. (invalid_client)", AssertOneErrorLine(result, 1));
        Assert.False(File.Exists(SessionPath));
    }

    [Theory]
    [InlineData("--url", "ftp://example.test", "--env", "clitest", "--user", "a@b.test", "--password", "x")]
    [InlineData("--url", "http://localhost", "--env", "clitest")]
    [InlineData("--url", "http://localhost", "--env", "clitest", "--user", "a@b.test", "--client-id", "c")]
    [InlineData("--url", "http://localhost", "--user", "a@b.test", "--password", "x")]
    public async Task Login_with_bad_arguments_is_a_usage_error(params string[] options)
    {
        var result = await Cli.RunAsync(["login", .. options]);

        AssertOneErrorLine(result, 2);
        Assert.False(File.Exists(SessionPath));
    }

    [Fact]
    public async Task Login_to_a_server_that_is_not_there_exits_3()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens on the port any more
        Cli.CreateHandler = () => new SocketsHttpHandler();

        var result = await Cli.RunAsync("login", "--url", $"http://127.0.0.1:{port}", "--env", "clitest",
            "--user", ServerFixture.AdminUpn, "--password", ServerFixture.AdminPassword);

        Assert.StartsWith($"error: can't reach http://127.0.0.1:{port}", AssertOneErrorLine(result, 3));
    }

    [Fact]
    public async Task The_session_file_defaults_to_SERVERSYNC_SESSION()
    {
        var path = Path.Combine(Folder, "from-env", "session.json");
        Cli.SessionPath = null;
        Cli.EnvironmentVariables["SERVERSYNC_SESSION"] = path;

        await LoginAsync();

        Assert.True(File.Exists(path));
        Assert.False(File.Exists(SessionPath));
    }

    [Fact]
    public async Task An_expired_session_counts_as_not_logged_in()
    {
        await LoginAsync();
        Cli.Clock = new ShiftedClock(TimeSpan.FromHours(9)); // tokens live 8 hours

        var result = await Cli.RunAsync("records", "list", "organizations");

        Assert.Contains("session expired", AssertOneErrorLine(result, 3));
    }

    [Fact]
    public async Task A_token_the_server_rejects_counts_as_not_logged_in()
    {
        await LoginAsync();
        var session = JsonNode.Parse(await File.ReadAllTextAsync(SessionPath))!.AsObject();
        session["token"] = "forged";
        await File.WriteAllTextAsync(SessionPath, session.ToJsonString());

        var line = AssertOneErrorLine(await Cli.RunAsync("records", "list", "organizations"), 3);

        Assert.Contains("run 'serversync login' again", line);
        Assert.EndsWith("(0x80072560)", line);
    }

    [Fact]
    public async Task Logout_forgets_the_session()
    {
        await LoginAsync();

        Assert.Equal("logged out", Assert.Single((await OkAsync("logout")).OutLines));

        Assert.False(File.Exists(SessionPath));
        Assert.Contains("not logged in", AssertOneErrorLine(await Cli.RunAsync("records", "list", "organizations"), 3));
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}
