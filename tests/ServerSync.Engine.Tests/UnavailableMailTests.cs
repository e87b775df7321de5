using ServerSync.Engine.Tests.Harness;

namespace ServerSync.Engine.Tests;

/// <summary>
/// A message the connector gave up on (its server kept listing it without returning it; the IMAP connector's side is in
/// Connectors.Tests' ImapServerQuirksTests) is named in an error alert and counted as failed, and the rest of the mail
/// is stored as usual.
/// </summary>
public sealed class UnavailableMailTests(EngineHarness harness) : IClassFixture<EngineHarness>
{
    [Fact]
    public async Task A_message_the_server_never_returned_gets_an_alert_naming_it_and_the_rest_is_stored()
    {
        var setup = await MemoryMailboxSetup.CreateAsync(harness);
        var user = await setup.UserAsync(await setup.ProfileAsync());
        await setup.TestAndEnableAsync(user);

        var message = MemoryMailboxSetup.Message(user.Address, "Next to the unavailable one");
        user.Account.Deliver(message, harness.Clock.GetUtcNow(), unavailableBeside: "1700000000:7");
        // The cycle's counts are written after its mail is stored: wait for the cycle that stored it to finish.
        await harness.AdvanceUntilAsync(async () => await setup.IsStoredAsync(message)
            && (await setup.MailboxAsync(user.MailboxId))["itemsprocessedforlastsync"]!.GetValue<int>() == 1,
            TimeSpan.FromMinutes(10), "the cycle that stored the message beside the unavailable one");

        var alerts = await setup.Admin.ListAsync($"tracelogs?$filter=_regardingobjectid_value eq {user.MailboxId} and level eq 3");
        var alert = Assert.Single(alerts)!["text"]!.GetValue<string>();
        Assert.Contains("(1700000000:7)", alert);
        Assert.Contains("did not return its content", alert);
        var mailbox = await setup.MailboxAsync(user.MailboxId);
        Assert.Equal(1, mailbox["itemsfailedforlastsync"]!.GetValue<int>());
        Assert.True(mailbox["enabledforincomingemail"]!.GetValue<bool>());
    }
}
