using MailKit;
using ServerSync.Connectors.Abstractions;
using ServerSync.Connectors.Imap;
using ServerSync.Connectors.Tests.Infrastructure;

namespace ServerSync.Connectors.Tests;

public sealed class ImapIncomingConnectorTests
{
    private readonly MailStack _stack = MailStack.Current;
    private readonly ImapIncomingConnector _imap = TestConnectors.Imap();
    private readonly MessageTag _tag = new();

    [Fact]
    public async Task First_sync_returns_the_inbox_in_uid_order_then_incremental_sync_only_new_mail()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        var endpoint = _stack.Endpoint(_stack.ImapPort, useTls: false, mailbox);
        for (var n = 1; n <= 3; n++)
        {
            await LmtpDelivery.DeliverAsync(_tag.Message(n, mailbox), mailbox);
        }

        var first = await IncomingSync.ToEndAsync(_imap, endpoint, state: null);

        Assert.Equal([1, 2, 3], _tag.NumbersIn(first.Messages));
        var delivered = first.Messages.Single(m => MessageTag.ParseMime(m).MessageId == _tag.MessageId(2));
        Assert.Matches(@"^\d+:\d+$", delivered.ServerId);
        Assert.NotNull(delivered.ReceivedOn);
        Assert.Equal($"{_tag.MessageId(2)}", MessageTag.ParseMime(delivered).MessageId);
        Assert.Contains("A line that starts with a dot.", MessageTag.ParseMime(delivered).TextBody);

        await LmtpDelivery.DeliverAsync(_tag.Message(4, mailbox), mailbox);
        await LmtpDelivery.DeliverAsync(_tag.Message(5, mailbox), mailbox);
        var second = await IncomingSync.ToEndAsync(_imap, endpoint, first.State);

        Assert.Equal([4, 5], _tag.NumbersIn(second.Messages));
        Assert.Equal(2, second.Messages.Count);
        Assert.Empty(second.Messages.Select(m => m.ServerId).Intersect(first.Messages.Select(m => m.ServerId)));

        var third = await IncomingSync.ToEndAsync(_imap, endpoint, second.State);
        Assert.Empty(third.Messages);
        Assert.Equal(second.State, third.State);
    }

    [Fact]
    public async Task Fetching_never_marks_messages_seen()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        await LmtpDelivery.DeliverAsync(_tag.Message(1, mailbox), mailbox);

        var run = await IncomingSync.ToEndAsync(_imap, _stack.Endpoint(_stack.ImapPort, useTls: false, mailbox), state: null);

        Assert.Equal([1], _tag.NumbersIn(run.Messages));
        var flags = Assert.Single(await DirectImap.FindInInboxAsync(mailbox, _tag.MessageId(1)));
        Assert.False(flags.HasFlag(MessageFlags.Seen));
    }

    [Fact]
    public async Task Received_after_cuts_on_the_exact_internal_date_on_every_batch()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        var endpoint = _stack.Endpoint(_stack.ImapPort, useTls: false, mailbox);
        var now = DateTimeOffset.UtcNow;
        var receivedAfter = now.AddHours(-1);
        await DirectImap.AppendToInboxAsync(mailbox, _tag.Message(1, mailbox), now.AddDays(-3));
        // Usually the same calendar day as receivedAfter, so IMAP SINCE alone would let it through.
        await DirectImap.AppendToInboxAsync(mailbox, _tag.Message(2, mailbox), now.AddHours(-2));
        await DirectImap.AppendToInboxAsync(mailbox, _tag.Message(3, mailbox), now.AddMinutes(-10));
        await LmtpDelivery.DeliverAsync(_tag.Message(4, mailbox), mailbox);

        var first = await IncomingSync.ToEndAsync(_imap, endpoint, state: null, receivedAfter);

        Assert.Equal([3, 4], _tag.NumbersIn(first.Messages));

        // An old message moved into the Inbox later gets a new UID but keeps its old INTERNALDATE.
        await DirectImap.AppendToInboxAsync(mailbox, _tag.Message(5, mailbox), now.AddDays(-3));
        await LmtpDelivery.DeliverAsync(_tag.Message(6, mailbox), mailbox);
        var second = await IncomingSync.ToEndAsync(_imap, endpoint, first.State, receivedAfter);

        Assert.Equal([6], _tag.NumbersIn(second.Messages));
    }

    [Fact]
    public async Task One_session_hands_over_a_short_first_batch_then_batches_of_at_most_the_batch_size_and_stops_at_the_maximum()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        var endpoint = _stack.Endpoint(_stack.ImapPort, useTls: false, mailbox);
        var start = await IncomingSync.ToEndAsync(_imap, endpoint, state: null);
        for (var n = 1; n <= 5; n++)
        {
            await LmtpDelivery.DeliverAsync(_tag.Message(n, mailbox), mailbox);
        }

        var (first, moreAfterFirst) = await IncomingSync.OnceAsync(_imap, endpoint, start.State, new FetchLimits(BatchSize: 2, MaxMessages: 4));
        var (second, moreAfterSecond) = await IncomingSync.OnceAsync(_imap, endpoint, first[^1].NextState, new FetchLimits(BatchSize: 2, MaxMessages: 4));

        Assert.Equal([[1], [2, 3], [4]], first.Select(b => _tag.NumbersIn(b.Messages)));
        Assert.True(moreAfterFirst);
        Assert.Equal([[5]], second.Select(b => _tag.NumbersIn(b.Messages)));
        Assert.False(moreAfterSecond);
    }

    [Fact]
    public async Task A_failing_store_step_surfaces_unchanged_and_the_last_stored_state_resumes_after_its_batch()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        var endpoint = _stack.Endpoint(_stack.ImapPort, useTls: false, mailbox);
        var start = await IncomingSync.ToEndAsync(_imap, endpoint, state: null);
        for (var n = 1; n <= 5; n++)
        {
            await LmtpDelivery.DeliverAsync(_tag.Message(n, mailbox), mailbox);
        }

        var stored = new List<FetchBatch>();
        // An IOException of the store (a full disk) must not be mistaken for a lost mail server connection.
        var failure = await Assert.ThrowsAsync<IOException>(() => _imap.FetchAsync(endpoint, start.State, null, new FetchLimits(2, 100), IncomingSync.Keeping(batch =>
        {
            if (stored.Count == 1) throw new IOException("disk full");
            stored.Add(batch);
        }), CancellationToken.None));
        var resumed = await IncomingSync.ToEndAsync(_imap, endpoint, stored[^1].NextState);

        Assert.Equal("disk full", failure.Message);
        Assert.Equal([1], _tag.NumbersIn(stored.Single().Messages));
        Assert.Equal([2, 3, 4, 5], _tag.NumbersIn(resumed.Messages));
    }

    [Fact]
    public async Task Each_batch_is_prepared_before_it_is_stored_and_a_failing_prepare_step_surfaces_unchanged()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        var endpoint = _stack.Endpoint(_stack.ImapPort, useTls: false, mailbox);
        var start = await IncomingSync.ToEndAsync(_imap, endpoint, state: null);
        for (var n = 1; n <= 5; n++)
        {
            await LmtpDelivery.DeliverAsync(_tag.Message(n, mailbox), mailbox);
        }

        var stored = new List<(FetchBatch Batch, int[] Prepared)>();
        // A parse step that fails (a bug, not the server) must not be reported as a mail server error either.
        var handler = new BatchHandler<int[]>((batch, _) =>
        {
            var numbers = _tag.NumbersIn(batch.Messages).ToArray();
            return numbers.Contains(4) ? throw new InvalidOperationException("parser bug") : numbers;
        }, (batch, prepared, _) =>
        {
            stored.Add((batch, prepared));
            return Task.CompletedTask;
        });
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => _imap.FetchAsync(endpoint, start.State, null, new FetchLimits(2, 100), handler, CancellationToken.None));

        Assert.Equal("parser bug", failure.Message);
        Assert.Equal([[1], [2, 3]], stored.Select(s => s.Prepared));
        Assert.All(stored, s => Assert.Equal(_tag.NumbersIn(s.Batch.Messages), s.Prepared));
    }

    [Fact]
    public async Task A_changed_uidvalidity_starts_over_from_received_after()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        var endpoint = _stack.Endpoint(_stack.ImapPort, useTls: false, mailbox);
        var receivedAfter = DateTimeOffset.UtcNow.AddMinutes(-5);
        await LmtpDelivery.DeliverAsync(_tag.Message(1, mailbox), mailbox);
        await LmtpDelivery.DeliverAsync(_tag.Message(2, mailbox), mailbox);
        var synced = await IncomingSync.ToEndAsync(_imap, endpoint, state: null, receivedAfter);
        Assert.True(ImapSyncState.TryParse(synced.State, out var real));

        // The server renumbered the mailbox: the stored state belongs to another UIDVALIDITY.
        var stale = new ImapSyncState(real.UidValidity + 1, real.LastUid).ToJson();
        var restarted = await IncomingSync.ToEndAsync(_imap, endpoint, stale, receivedAfter);

        Assert.Equal([1, 2], _tag.NumbersIn(restarted.Messages));
        Assert.True(ImapSyncState.TryParse(restarted.State, out var next));
        Assert.Equal(real, next);
    }

    [Fact]
    public async Task An_unreadable_state_starts_over_from_received_after()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        var endpoint = _stack.Endpoint(_stack.ImapPort, useTls: false, mailbox);
        await LmtpDelivery.DeliverAsync(_tag.Message(1, mailbox), mailbox);

        var run = await IncomingSync.ToEndAsync(_imap, endpoint, "not json", DateTimeOffset.UtcNow.AddMinutes(-5));

        Assert.Equal([1], _tag.NumbersIn(run.Messages));
    }

    [Fact]
    public async Task Test_logs_in_and_opens_the_inbox()
    {
        var mailbox = await _stack.CreateMailboxAsync();

        await _imap.TestAsync(_stack.Endpoint(_stack.ImapPort, useTls: false, mailbox), CancellationToken.None);
    }
}
