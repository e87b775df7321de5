using MimeKit;
using ServerSync.Connectors.Abstractions;
using ServerSync.Connectors.Smtp;
using ServerSync.Connectors.Tests.Infrastructure;

namespace ServerSync.Connectors.Tests;

public sealed class SmtpOutgoingConnectorTests
{
    private readonly MailStack _stack = MailStack.Current;
    private readonly SmtpOutgoingConnector _smtp = TestConnectors.Smtp(TestConnectors.Sessions(allowPlainText: false));
    private readonly MessageTag _tag = new();

    [Fact]
    public async Task Sending_through_submission_with_starttls_and_auth_reaches_the_recipient_with_the_same_message_id()
    {
        var sender = await _stack.CreateMailboxAsync();
        var recipient = await _stack.CreateMailboxAsync();
        var message = _tag.Message(1, recipient, from: sender);

        await _smtp.SendAsync(_stack.Endpoint(_stack.SubmissionPort, useTls: true, sender), message, _ => Task.CompletedTask, CancellationToken.None);

        Assert.Equal(_tag.MessageId(1), message.MessageId);
        Assert.Single(await WaitForInboxAsync(recipient, _tag.MessageId(1)));
    }

    [Fact]
    public async Task Test_authenticates_without_sending_anything()
    {
        var before = Directory.GetFiles(_stack.SmtpOutbox, "*.eml").Length;

        await _smtp.TestAsync(_stack.Endpoint(_stack.SubmissionPort, useTls: true, await _stack.CreateMailboxAsync()), CancellationToken.None);

        Assert.Equal(before, Directory.GetFiles(_stack.SmtpOutbox, "*.eml").Length);
    }

    [Fact]
    public async Task A_recipient_the_relay_cannot_deliver_to_is_a_permanent_rejection()
    {
        var relay = TestConnectors.Smtp(TestConnectors.Sessions(allowPlainText: true));
        var unknown = new TestMailbox($"nobody-{Guid.NewGuid():N}@{_stack.Domain}", Password: "");
        var message = _tag.Message(1, unknown);

        var error = await Assert.ThrowsAsync<MailServerException>(() =>
            relay.SendAsync(_stack.Endpoint(_stack.SmtpRelayPort, useTls: false, mailbox: null), message, _ => Task.CompletedTask, CancellationToken.None));

        Assert.Equal(MailErrorClass.Permanent, error.ErrorClass);
        Assert.Equal(MailErrorKind.MessageRejected, error.Kind);
    }

    [Fact]
    public async Task Required_tls_on_a_server_without_starttls_is_a_permanent_tls_error()
    {
        var error = await Assert.ThrowsAsync<MailServerException>(() =>
            _smtp.TestAsync(_stack.Endpoint(_stack.SmtpRelayPort, useTls: true, mailbox: null), CancellationToken.None));

        Assert.Equal(MailErrorClass.Permanent, error.ErrorClass);
        Assert.Equal(MailErrorKind.Tls, error.Kind);
        Assert.Contains("STARTTLS", error.Message);
    }

    /// <summary>Submission answers once the relay has delivered, so one look normally suffices; the bound covers a slow machine.</summary>
    private static async Task<IReadOnlyList<MailKit.MessageFlags>> WaitForInboxAsync(TestMailbox mailbox, string messageId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var found = await DirectImap.FindInInboxAsync(mailbox, messageId);
            if (found.Count > 0 || attempt == 30)
            {
                return found;
            }

            await Task.Delay(TimeSpan.FromSeconds(0.5));
        }
    }
}
