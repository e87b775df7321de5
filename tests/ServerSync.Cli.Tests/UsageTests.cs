namespace ServerSync.Cli.Tests;

/// <summary>Wrong command lines and missing sessions: the right exit code, one line, and no request sent.</summary>
public sealed class UsageTests : CliTestBase
{
    public UsageTests() : base(null)
    {
        Cli.CreateHandler = () => new NoNetwork();
    }

    [Theory]
    [InlineData]
    [InlineData("records")]
    [InlineData("frobnicate")]
    [InlineData("records", "get", "mailboxes")]
    [InlineData("records", "get", "mailboxes", "not-a-guid")]
    [InlineData("records", "get", "mail boxes", "00000000-0000-0000-0000-000000000001")]
    [InlineData("records", "set", "mailboxes", "00000000-0000-0000-0000-000000000001")]
    [InlineData("records", "set", "mailboxes", "00000000-0000-0000-0000-000000000001", "name")]
    [InlineData("records", "set", "mailboxes", "00000000-0000-0000-0000-000000000001", "=x")]
    [InlineData("records", "set", "mailboxes", "00000000-0000-0000-0000-000000000001", "name=a", "name=b")]
    [InlineData("records", "create", "emailserverprofiles")]
    [InlineData("records", "list", "roles", "--top", "many")]
    [InlineData("records", "list", "roles", "--top", "-1")]
    [InlineData("records", "list", "roles", "--page-size", "0")]
    [InlineData("profiles", "set-default")]
    [InlineData("login", "--env", "clitest", "--user", "a@b.test", "--password", "x")]
    public async Task Bad_usage_exits_2_before_anything_is_sent(params string[] args)
    {
        AssertOneErrorLine(await Cli.RunAsync(args), 2);
    }

    [Theory]
    [InlineData("records", "get", "mailboxes", "00000000-0000-0000-0000-000000000001")]
    [InlineData("records", "list", "mailboxes")]
    [InlineData("records", "set", "mailboxes", "00000000-0000-0000-0000-000000000001", "name=x")]
    [InlineData("records", "create", "emailserverprofiles", "name=x")]
    [InlineData("mailboxes", "approve", "--ids", "00000000-0000-0000-0000-000000000001")]
    [InlineData("profiles", "set-default", "00000000-0000-0000-0000-000000000001")]
    public async Task Without_a_session_commands_exit_3(params string[] args)
    {
        var line = AssertOneErrorLine(await Cli.RunAsync(args), 3);

        Assert.Contains("not logged in", line);
    }

    [Fact]
    public async Task A_damaged_session_file_exits_3()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SessionPath)!);
        await File.WriteAllTextAsync(SessionPath, "{ not json");

        var line = AssertOneErrorLine(await Cli.RunAsync("records", "list", "mailboxes"), 3);

        Assert.Contains("run 'serversync login' again", line);
    }

    [Fact]
    public async Task Help_goes_to_stdout_and_exits_0()
    {
        var result = await Cli.RunAsync("records", "set", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("col=value", result.Out);
        Assert.Equal("", result.Error);
    }

    /// <summary>Fails the test if the CLI tries to talk to a server.</summary>
    private sealed class NoNetwork : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new Xunit.Sdk.XunitException($"unexpected request {request.Method} {request.RequestUri}");
    }
}
