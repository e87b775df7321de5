namespace ServerSync.Cli.Tests;

public sealed class MailboxesTests(ServerFixture server) : CliTestBase(server), IClassFixture<ServerFixture>
{
    private const string OwnMailbox = $"emailaddress eq '{ServerFixture.AdminUpn}'";

    [Fact]
    public async Task Approve_by_filter_approves_the_admins_own_mailbox_and_prints_one_line()
    {
        // Online environment, no Exchange Online profile: a Global admin with System Administrator may approve.
        await LoginAsync(await Server.NewEnvironmentAsync("online"));
        var id = (await AdminMailboxAsync())["mailboxid"]!.ToString();

        var result = await OkAsync("mailboxes", "approve", "--filter", OwnMailbox);

        Assert.Equal($"{id}  ok  Email address approved.", Assert.Single(result.OutLines));
        var mailbox = (await OkAsync("records", "get", "mailbox", id, "--fields", "emailrouteraccessapproval")).Json;
        Assert.Equal(1, mailbox["emailrouteraccessapproval"]!.GetValue<int>());

        var again = await OkAsync("mailboxes", "approve", "--ids", id);
        Assert.Equal($"{id}  ok  The email address was already approved.", Assert.Single(again.OutLines));
    }

    [Fact]
    public async Task One_failed_mailbox_gives_a_FAILED_line_and_exit_1_without_undoing_the_others()
    {
        await LoginAsync(await Server.NewEnvironmentAsync());
        var id = (await AdminMailboxAsync())["mailboxid"]!.ToString();
        var missing = Guid.NewGuid();

        var result = await Cli.RunAsync("mailboxes", "approve", "--ids", $"{id},{missing}");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal([$"{id}  ok  Email address approved.", $"{missing}  FAILED  mailbox With Id = {missing} Does Not Exist"], result.OutLines);
        Assert.Equal("", result.Error);
        var mailbox = (await OkAsync("records", "get", "mailbox", id, "--fields", "emailrouteraccessapproval")).Json;
        Assert.Equal(1, mailbox["emailrouteraccessapproval"]!.GetValue<int>());
    }

    [Fact]
    public async Task Test_enable_of_a_mailbox_without_a_profile_fails_for_that_mailbox()
    {
        await LoginAsync(await Server.NewEnvironmentAsync());
        var id = (await AdminMailboxAsync())["mailboxid"]!.ToString();

        var result = await Cli.RunAsync("mailboxes", "test-enable", "--filter", OwnMailbox);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal($"{id}  FAILED  The mailbox has no email server profile; apply the default email settings or choose a profile first.",
            Assert.Single(result.OutLines));
    }

    [Fact]
    public async Task Apply_defaults_gives_the_mailbox_the_default_profile()
    {
        await LoginAsync(await Server.NewEnvironmentAsync());
        var profile = await CreateImapProfileAsync();
        await OkAsync("profiles", "set-default", profile.ToString());
        var id = (await AdminMailboxAsync())["mailboxid"]!.ToString();

        var result = await Cli.RunAsync("mailboxes", "apply-defaults", "--ids", id, "--no-test-enable");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"{id}  ok  Default email settings applied.", Assert.Single(result.OutLines));
        var mailbox = (await OkAsync("records", "get", "mailbox", id)).Json;
        Assert.Equal(profile.ToString(), mailbox["_emailserverprofile_value"]!.ToString());
        Assert.False(mailbox["testemailconfigurationscheduled"]?.GetValue<bool>() ?? false);
    }

    [Fact]
    public async Task Apply_defaults_then_test_enable_schedules_the_test()
    {
        await LoginAsync(await Server.NewEnvironmentAsync());
        var profile = await CreateImapProfileAsync();
        await OkAsync("profiles", "set-default", profile.ToString());
        var id = (await AdminMailboxAsync())["mailboxid"]!.ToString();

        var applied = await OkAsync("mailboxes", "apply-defaults", "--filter", OwnMailbox);
        Assert.Equal($"{id}  ok  Default email settings applied; Test & Enable scheduled.", Assert.Single(applied.OutLines));

        var tested = await OkAsync("mailboxes", "test-enable", "--ids", id);
        Assert.Equal($"{id}  ok  Test & Enable scheduled.", Assert.Single(tested.OutLines));
    }

    [Fact]
    public async Task A_filter_that_matches_no_mailbox_is_refused()
    {
        await LoginAsync();

        var line = AssertOneErrorLine(await Cli.RunAsync("mailboxes", "approve", "--filter", "emailaddress eq 'nobody@example.test'"), 1);

        Assert.Contains("no mailbox matches", line);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("approve", "--ids", "00000000-0000-0000-0000-000000000001", "--filter", "name eq 'x'")]
    [InlineData("approve", "--ids", "not-a-guid")]
    [InlineData("approve", "--ids", "00000000-0000-0000-0000-000000000001", "--no-test-enable")]
    [InlineData("frobnicate", "--ids", "00000000-0000-0000-0000-000000000001")]
    public async Task Bad_selections_are_usage_errors(params string[] args)
    {
        await LoginAsync();

        AssertOneErrorLine(await Cli.RunAsync(["mailboxes", .. args]), 2);
    }
}
