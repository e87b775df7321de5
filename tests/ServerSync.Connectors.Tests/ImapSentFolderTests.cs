using MailKit;
using ServerSync.Connectors.Imap;
using ServerSync.Connectors.Tests.Infrastructure;

namespace ServerSync.Connectors.Tests;

public sealed class ImapSentFolderTests
{
    private readonly MailStack _stack = MailStack.Current;
    private readonly ImapSentFolder _sent = TestConnectors.SentFolder();
    private readonly MessageTag _tag = new();

    [Fact]
    public async Task Append_stores_the_message_seen_in_the_sent_folder_and_a_checked_retry_does_not_duplicate_it()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        var endpoint = _stack.Endpoint(_stack.ImapPort, useTls: false, mailbox);
        var message = _tag.Message(1, await _stack.CreateMailboxAsync(), from: mailbox);

        Assert.False(await _sent.ContainsAsync(endpoint, _tag.MessageId(1), CancellationToken.None));
        await AppendUnlessPresentAsync(endpoint, message);
        Assert.True(await _sent.ContainsAsync(endpoint, _tag.MessageId(1), CancellationToken.None));
        // The engine retrying after a crash checks first, as here.
        await AppendUnlessPresentAsync(endpoint, message);

        var copies = await DirectImap.FindInSentAsync(mailbox, _tag.MessageId(1));
        var flags = Assert.Single(copies);
        Assert.True(flags.HasFlag(MessageFlags.Seen));
    }

    [Fact]
    public async Task Contains_matches_the_whole_message_id_only()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        var endpoint = _stack.Endpoint(_stack.ImapPort, useTls: false, mailbox);
        var message = _tag.Message(1, await _stack.CreateMailboxAsync(), from: mailbox);
        await _sent.AppendAsync(endpoint, message, CancellationToken.None);

        Assert.True(await _sent.ContainsAsync(endpoint, $"<{_tag.MessageId(1)}>", CancellationToken.None));
        Assert.False(await _sent.ContainsAsync(endpoint, _tag.MessageId(1)[1..], CancellationToken.None));
    }

    private async Task AppendUnlessPresentAsync(Abstractions.MailServerEndpoint endpoint, MimeKit.MimeMessage message)
    {
        if (!await _sent.ContainsAsync(endpoint, message.MessageId!, CancellationToken.None))
        {
            await _sent.AppendAsync(endpoint, message, CancellationToken.None);
        }
    }
}
