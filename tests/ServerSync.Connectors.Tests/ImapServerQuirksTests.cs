using ServerSync.Connectors.Abstractions;
using ServerSync.Connectors.Tests.Infrastructure;
using ServerSync.Connectors.Tests.Infrastructure.Replay;

namespace ServerSync.Connectors.Tests;

/// <summary>The IMAP connector against recorded conversations of servers that behave in ways Dovecot doesn't.</summary>
public sealed class ImapServerQuirksTests
{
    private static readonly FetchLimits Limits = new(200, 1000);
    private readonly IIncomingConnector _imap = TestConnectors.Imap(TestConnectors.Replay());

    [Fact]
    public async Task A_first_sync_of_an_empty_inbox_on_a_server_without_uidnext_stores_the_state()
    {
        await using var server = ReplayServer.Start("imap-no-uidnext-empty-inbox.txt");

        var (batches, more) = await server.RunAsync(() => IncomingSync.OnceAsync(_imap, server.Endpoint(), state: null, Limits));

        Assert.False(more);
        var batch = Assert.Single(batches);
        Assert.Empty(batch.Messages);
        Assert.Equal("""{"v":1700000000,"u":0}""", batch.NextState);
    }

    [Fact]
    public async Task A_cycle_with_nothing_new_on_a_server_without_uidnext_succeeds_and_keeps_the_state()
    {
        await using var server = ReplayServer.Start("imap-no-uidnext-nothing-new.txt");

        var (batches, more) = await server.RunAsync(() => IncomingSync.OnceAsync(_imap, server.Endpoint(), """{"v":1700000000,"u":5}""", Limits));

        Assert.False(more);
        Assert.Empty(batches);
    }
}
