using ServerSync.Connectors.Abstractions;
using ServerSync.Connectors.Pop3;
using ServerSync.Connectors.Tests.Infrastructure;

namespace ServerSync.Connectors.Tests;

public sealed class Pop3IncomingConnectorTests
{
    private readonly MailStack _stack = MailStack.Current;
    private readonly Pop3IncomingConnector _pop3 = TestConnectors.Pop3();
    private readonly MessageTag _tag = new();

    [Fact]
    public async Task First_sync_returns_all_mail_then_incremental_sync_only_new_uidls_and_nothing_is_deleted()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        var endpoint = _stack.Endpoint(_stack.Pop3Port, useTls: false, mailbox);
        for (var n = 1; n <= 3; n++)
        {
            await LmtpDelivery.DeliverAsync(_tag.Message(n, mailbox), mailbox);
        }

        var first = await IncomingSync.ToEndAsync(_pop3, endpoint, state: null);

        Assert.Equal([1, 2, 3], _tag.NumbersIn(first.Messages));
        Assert.All(first.Messages, message => Assert.Null(message.ReceivedOn));

        await LmtpDelivery.DeliverAsync(_tag.Message(4, mailbox), mailbox);
        var second = await IncomingSync.ToEndAsync(_pop3, endpoint, first.State);
        var third = await IncomingSync.ToEndAsync(_pop3, endpoint, second.State);

        Assert.Equal([4], _tag.NumbersIn(second.Messages));
        Assert.Single(second.Messages);
        Assert.Empty(third.Messages);
        Assert.Single(await DirectImap.FindInInboxAsync(mailbox, _tag.MessageId(1)));
    }

    [Fact]
    public async Task One_session_hands_over_a_short_first_batch_then_batches_of_at_most_the_batch_size_and_stops_at_the_maximum()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        var endpoint = _stack.Endpoint(_stack.Pop3Port, useTls: false, mailbox);
        var start = await IncomingSync.ToEndAsync(_pop3, endpoint, state: null);
        for (var n = 1; n <= 5; n++)
        {
            await LmtpDelivery.DeliverAsync(_tag.Message(n, mailbox), mailbox);
        }

        var (first, moreAfterFirst) = await IncomingSync.OnceAsync(_pop3, endpoint, start.State, new FetchLimits(BatchSize: 2, MaxMessages: 3));
        var (second, moreAfterSecond) = await IncomingSync.OnceAsync(_pop3, endpoint, first[^1].NextState, new FetchLimits(BatchSize: 2, MaxMessages: 3));

        Assert.Equal([[1], [2, 3]], first.Select(b => _tag.NumbersIn(b.Messages)));
        Assert.True(moreAfterFirst);
        Assert.Equal([[4], [5]], second.Select(b => _tag.NumbersIn(b.Messages)));
        Assert.False(moreAfterSecond);
    }

    [Fact]
    public async Task First_sync_skips_mail_dated_before_received_after_and_later_syncs_take_every_new_uidl()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        var endpoint = _stack.Endpoint(_stack.Pop3Port, useTls: false, mailbox);
        var receivedAfter = DateTimeOffset.UtcNow.AddHours(-1);
        await LmtpDelivery.DeliverAsync(_tag.Message(1, mailbox, sentOn: DateTimeOffset.UtcNow.AddDays(-3)), mailbox);
        await LmtpDelivery.DeliverAsync(_tag.Message(2, mailbox), mailbox);

        var first = await IncomingSync.ToEndAsync(_pop3, endpoint, state: null, receivedAfter);

        Assert.Equal([2], _tag.NumbersIn(first.Messages));

        // Arrives after the first sync, however old its Date header says it is.
        await LmtpDelivery.DeliverAsync(_tag.Message(3, mailbox, sentOn: DateTimeOffset.UtcNow.AddDays(-3)), mailbox);
        var second = await IncomingSync.ToEndAsync(_pop3, endpoint, first.State, receivedAfter);

        Assert.Equal([3], _tag.NumbersIn(second.Messages));
    }

    [Fact]
    public async Task The_state_keeps_only_uidls_still_on_the_server()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        var endpoint = _stack.Endpoint(_stack.Pop3Port, useTls: false, mailbox);
        await LmtpDelivery.DeliverAsync(_tag.Message(1, mailbox), mailbox);
        await LmtpDelivery.DeliverAsync(_tag.Message(2, mailbox), mailbox);
        var first = await IncomingSync.ToEndAsync(_pop3, endpoint, state: null);
        var uidlOf = first.Messages.ToDictionary(m => MessageTag.ParseMime(m).MessageId ?? "", m => m.ServerId);

        await DirectImap.DeleteFromInboxAsync(mailbox, _tag.MessageId(1));
        var second = await IncomingSync.ToEndAsync(_pop3, endpoint, first.State);

        Assert.Empty(second.Messages);
        Assert.True(Pop3SyncState.TryParse(second.State, out var state));
        Assert.DoesNotContain(uidlOf[_tag.MessageId(1)], state.SeenUidls);
        Assert.Contains(uidlOf[_tag.MessageId(2)], state.SeenUidls);
    }

    [Fact]
    public async Task Waiting_returns_false_at_once()
    {
        var endpoint = _stack.Endpoint(_stack.Pop3Port, useTls: false, await _stack.CreateMailboxAsync());

        Assert.False(await _pop3.WaitForNewMailAsync(endpoint, state: null, TimeSpan.FromHours(1), CancellationToken.None));
    }

    [Fact]
    public async Task Test_logs_in_over_pop3s_and_stls_with_the_stack_certificate_trusted()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        var pop3 = TestConnectors.Pop3(TestConnectors.Sessions(allowPlainText: false));

        await pop3.TestAsync(_stack.Endpoint(_stack.Pop3sPort, useTls: true, mailbox), CancellationToken.None);
        await pop3.TestAsync(_stack.Endpoint(_stack.Pop3Port, useTls: true, mailbox), CancellationToken.None);
    }
}
