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

    [Fact]
    public async Task A_message_left_out_of_the_fetch_answer_is_asked_for_again_and_given_up_by_name_after_three_tries()
    {
        await using var server = ReplayServer.Start("imap-fetch-leaves-out-uid-2.txt", "imap-uid-2-still-left-out.txt", "imap-uid-2-still-left-out.txt");
        var endpoint = server.Endpoint();

        var (first, _) = await server.RunAsync(() => IncomingSync.OnceAsync(_imap, endpoint, state: null, Limits));
        var (second, _) = await server.RunAsync(() => IncomingSync.OnceAsync(_imap, endpoint, first[^1].NextState, Limits));
        var (third, _) = await server.RunAsync(() => IncomingSync.OnceAsync(_imap, endpoint, second[^1].NextState, Limits));

        // The rest of the Inbox is not held up: 1 and 3 arrive at once, 3 without its INTERNALDATE.
        Assert.Equal(["1700000000:1", "1700000000:3"], first.SelectMany(b => b.Messages).Select(m => m.ServerId));
        Assert.Null(first.SelectMany(b => b.Messages).Single(m => m.ServerId == "1700000000:3").ReceivedOn);
        Assert.Empty(first.SelectMany(b => b.Unavailable));
        Assert.Equal("""{"v":1700000000,"u":3,"m":{"2":1}}""", first[^1].NextState);

        Assert.Empty(second.SelectMany(b => b.Messages));
        Assert.Empty(second.SelectMany(b => b.Unavailable));
        Assert.Equal("""{"v":1700000000,"u":3,"m":{"2":2}}""", second[^1].NextState);

        Assert.Equal(3, server.Finished);
        var givenUp = Assert.Single(third);
        Assert.Empty(givenUp.Messages);
        Assert.Equal(["1700000000:2"], givenUp.Unavailable);
        Assert.Equal("""{"v":1700000000,"u":3}""", givenUp.NextState);
    }

    [Fact]
    public async Task A_message_left_out_once_arrives_in_the_next_session()
    {
        await using var server = ReplayServer.Start("imap-fetch-leaves-out-uid-2.txt", "imap-uid-2-returned.txt");
        var endpoint = server.Endpoint();

        var (first, _) = await server.RunAsync(() => IncomingSync.OnceAsync(_imap, endpoint, state: null, Limits));
        var (second, _) = await server.RunAsync(() => IncomingSync.OnceAsync(_imap, endpoint, first[^1].NextState, Limits));

        Assert.Equal(2, server.Finished);
        var batch = Assert.Single(second);
        var message = Assert.Single(batch.Messages);
        Assert.Equal("1700000000:2", message.ServerId);
        Assert.Contains("Subject: Replayed message 2", System.Text.Encoding.ASCII.GetString(message.Mime.Span));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 10, 2, 0, TimeSpan.Zero), message.ReceivedOn);
        Assert.Empty(batch.Unavailable);
        Assert.Equal("""{"v":1700000000,"u":3}""", batch.NextState);
    }

    [Fact]
    public async Task A_message_left_out_and_then_expunged_is_forgotten()
    {
        await using var server = ReplayServer.Start("imap-fetch-leaves-out-uid-2.txt", "imap-uid-2-expunged.txt");
        var endpoint = server.Endpoint();

        var (first, _) = await server.RunAsync(() => IncomingSync.OnceAsync(_imap, endpoint, state: null, Limits));
        var (second, _) = await server.RunAsync(() => IncomingSync.OnceAsync(_imap, endpoint, first[^1].NextState, Limits));

        Assert.Equal(2, server.Finished);
        var batch = Assert.Single(second);
        Assert.Empty(batch.Messages);
        Assert.Empty(batch.Unavailable);
        Assert.Equal("""{"v":1700000000,"u":3}""", batch.NextState);
    }
}
