using System.Text.Json.Nodes;

namespace ServerSync.Cli.Tests;

/// <summary>Per test: a private folder for the session file and a runner pointed at the shared server.</summary>
public abstract class CliTestBase : IDisposable
{
    /// <param name="server">The shared server; null for tests that must not reach one.</param>
    protected CliTestBase(ServerFixture? server)
    {
        _server = server;
        Folder = Directory.CreateTempSubdirectory("serversync-cli-test-").FullName;
        SessionPath = Path.Combine(Folder, "config", "session.json");
        Cli = new CliRunner(() => Server.CreateHandler(), SessionPath);
    }

    private readonly ServerFixture? _server;

    protected ServerFixture Server => _server ?? throw new InvalidOperationException("This test class runs without a server.");

    protected string Folder { get; }

    protected string SessionPath { get; }

    protected CliRunner Cli { get; }

    protected async Task LoginAsync(string environment = ServerFixture.Environment)
    {
        var result = await Cli.RunAsync("login", "--url", ServerFixture.Url, "--env", environment,
            "--user", ServerFixture.AdminUpn, "--password", ServerFixture.AdminPassword);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>Runs a command that must succeed.</summary>
    protected async Task<CliResult> OkAsync(params string[] args)
    {
        var result = await Cli.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"serversync {string.Join(' ', args)}\n{result}");
        Assert.Equal("", result.Error);
        return result;
    }

    /// <summary>The admin's own mailbox in the logged-in environment.</summary>
    protected async Task<JsonObject> AdminMailboxAsync()
    {
        var rows = (await OkAsync("records", "list", "mailboxes", "--filter", $"emailaddress eq '{ServerFixture.AdminUpn}'")).Json.AsArray();
        return Assert.Single(rows)!.AsObject();
    }

    /// <summary>An IMAP/SMTP profile made through the CLI, as an admin following the guide would.</summary>
    protected async Task<Guid> CreateImapProfileAsync()
    {
        var created = await OkAsync("records", "create", "emailserverprofiles", "name=IMAP", "servertype=4", "incomingcredentialretrieval=0",
            "outgoingcredentialretrieval=0", "incomingserverlocation=imap.example.test", "outgoingserverlocation=smtp.example.test");
        return Guid.Parse(Assert.Single(created.OutLines));
    }

    /// <summary>Asserts the one-line error contract: nothing on stdout, exactly one "error: …" line, no stack trace.</summary>
    protected static string AssertOneErrorLine(CliResult result, int exitCode)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}\n{result}");
        Assert.Equal("", result.Out);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain("   at ", result.Error);
        return line;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
