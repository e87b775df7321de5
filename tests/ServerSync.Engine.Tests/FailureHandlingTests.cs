using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>Permanent errors disable at once with alerts; transient ones back off, recover, or disable after the configured count.</summary>
public abstract class FailureHandlingTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    [Fact]
    public async Task Wrong_password_fails_test_and_enable_with_alerts_on_mailbox_and_profile()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var profile = await setup.ImapProfileAsync();
        var user = await setup.UserAsync(profile, password: "not-the-password");
        var job = await setup.TestAndEnableAsync(user.MailboxId);
        Assert.Equal(31, job["statuscode"]!.GetValue<int>());
        var mailbox = await setup.MailboxAsync(user.MailboxId);
        Assert.Equal(2, mailbox["incomingemailstatus"]!.GetValue<int>());
        Assert.Equal(2, mailbox["outgoingemailstatus"]!.GetValue<int>());
        Assert.False(mailbox["enabledforincomingemail"]!.GetValue<bool>());
        var alert = Assert.Single(await setup.Admin.ListAsync($"tracelogs?$filter=_regardingobjectid_value eq {user.MailboxId} and level eq 3"))!;
        Assert.Contains("password", alert["text"]!.GetValue<string>());
        Assert.NotEmpty(await setup.Admin.ListAsync($"tracelogs?$filter=_regardingobjectid_value eq {profile} and level eq 3"));
    }

    [Fact]
    public async Task Plain_text_is_refused_unless_the_deployment_allows_it()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var profile = await setup.ImapProfileAsync();
        await setup.Admin.PatchAsync($"emailserverprofiles({profile})", new JsonObject { ["incomingusessl"] = false, ["incomingportnumber"] = setup.Mail.ImapPort });
        var user = await setup.UserAsync(profile);
        await setup.TestAndEnableAsync(user.MailboxId);
        var mailbox = await setup.MailboxAsync(user.MailboxId);
        Assert.Equal(2, mailbox["incomingemailstatus"]!.GetValue<int>());
        var alert = (await setup.Admin.ListAsync($"tracelogs?$filter=_regardingobjectid_value eq {user.MailboxId} and level eq 3"))[0]!;
        Assert.Contains("AllowNonSSLEmail", alert["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Server_down_gives_transient_retries_then_recovery_without_losing_mail()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        await using var proxy = new TcpProxy(setup.Mail.ImapPort);
        proxy.Start();
        var user = await setup.UserAsync(await setup.ImapProfileAsync(imapPort: proxy.Port));
        await setup.TestAndEnableAsync(user.MailboxId);

        proxy.Stop();
        await Eventually.TrueAsync(async () => (await setup.MailboxAsync(user.MailboxId))["transientfailurecount"]!.GetValue<int>() >= 1, "a transient failure");
        var during = await setup.MailboxAsync(user.MailboxId);
        Assert.True(during["enabledforincomingemail"]!.GetValue<bool>());
        var message = new MimeKit.MimeMessage { Subject = "Sent while the server was down", MessageId = $"{Guid.NewGuid():N}@sender.test" };
        message.From.Add(MimeKit.MailboxAddress.Parse("hal@customer.test"));
        message.To.Add(MimeKit.MailboxAddress.Parse(user.Address));
        message.Body = new MimeKit.TextPart("plain") { Text = "hello" };
        await setup.Mail.DeliverAsync(message);

        proxy.Start();
        await setup.EmailByMessageIdAsync(message.MessageId);
        await Eventually.TrueAsync(async () => (await setup.MailboxAsync(user.MailboxId))["transientfailurecount"]!.GetValue<int>() == 0, "the failure count to reset");
        Assert.True((await setup.MailboxAsync(user.MailboxId))["enabledforincomingemail"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Consecutive_transient_failures_disable_the_mailbox_with_an_alert()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        await using var proxy = new TcpProxy(setup.Mail.ImapPort);
        proxy.Start();
        var user = await setup.UserAsync(await setup.ImapProfileAsync(imapPort: proxy.Port));
        await setup.TestAndEnableAsync(user.MailboxId);
        proxy.Stop();
        await Eventually.TrueAsync(async () => !(await setup.MailboxAsync(user.MailboxId))["enabledforincomingemail"]!.GetValue<bool>(), "the mailbox to be disabled");
        var mailbox = await setup.MailboxAsync(user.MailboxId);
        Assert.Equal(3, mailbox["transientfailurecount"]!.GetValue<int>()); // ServerSync:MaxMailboxTransientFailures = 3 in these tests
        var alert = (await setup.Admin.ListAsync($"tracelogs?$filter=_regardingobjectid_value eq {user.MailboxId} and level eq 3"))[0]!;
        Assert.Contains("3 failed attempts in a row", alert["text"]!.GetValue<string>());
        // Outgoing is still fine: only the failing direction is disabled.
        Assert.True(mailbox["enabledforoutgoingemail"]!.GetValue<bool>());
    }
}

public sealed class FailureHandlingTestsOnSqlite(SqliteEngineServer server) : FailureHandlingTests<SqliteEngineServer>(server);
public sealed class FailureHandlingTestsOnPostgres(PostgresEngineServer server) : FailureHandlingTests<PostgresEngineServer>(server);
