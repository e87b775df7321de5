using ServerSync.Connectors.Imap;
using ServerSync.Connectors.Tests.Infrastructure;

namespace ServerSync.Connectors.Tests;

public sealed class ImapIdleTests
{
    private readonly MailStack _stack = MailStack.Current;
    private readonly ImapIncomingConnector _imap = TestConnectors.Imap();
    private readonly MessageTag _tag = new();

    [Fact]
    public async Task Waiting_returns_true_when_mail_arrives()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        var endpoint = _stack.Endpoint(_stack.ImapPort, useTls: false, mailbox);
        var synced = await IncomingSync.ToEndAsync(_imap, endpoint, state: null);

        var waiting = _imap.WaitForNewMailAsync(endpoint, synced.State, TimeSpan.FromMinutes(1), CancellationToken.None);
        // The test can't see when IDLE has begun, so it keeps delivering until the wait ends (bounded).
        for (var n = 1; n <= 30 && !waiting.IsCompleted; n++)
        {
            await LmtpDelivery.DeliverAsync(_tag.Message(n, mailbox), mailbox);
            await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(1)));
        }

        Assert.True(await waiting);
    }

    [Fact]
    public async Task Waiting_returns_false_when_nothing_arrives_in_time()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        var endpoint = _stack.Endpoint(_stack.ImapPort, useTls: false, mailbox);
        await LmtpDelivery.DeliverAsync(_tag.Message(1, mailbox), mailbox);
        var synced = await IncomingSync.ToEndAsync(_imap, endpoint, state: null);

        var newMail = await _imap.WaitForNewMailAsync(endpoint, synced.State, TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.False(newMail);
    }

    [Fact]
    public async Task Mail_delivered_after_the_last_fetch_but_before_the_wait_began_ends_the_wait_at_once()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        var endpoint = _stack.Endpoint(_stack.ImapPort, useTls: false, mailbox);
        var synced = await IncomingSync.ToEndAsync(_imap, endpoint, state: null);
        await LmtpDelivery.DeliverAsync(_tag.Message(1, mailbox), mailbox);

        // No further delivery: IDLE alone would report nothing and the wait would end false after 30 s.
        var newMail = await _imap.WaitForNewMailAsync(endpoint, synced.State, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.True(newMail);
    }

    [Fact]
    public async Task Waiting_can_be_cancelled_by_the_caller()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _imap.WaitForNewMailAsync(_stack.Endpoint(_stack.ImapPort, useTls: false, mailbox), state: null, TimeSpan.FromMinutes(5), cancel.Token));
    }
}
