using ServerSync.Connectors.Abstractions;
using ServerSync.Connectors.Tests.Infrastructure;

namespace ServerSync.Connectors.Tests;

public sealed class TlsTests
{
    private readonly MailStack _stack = MailStack.Current;

    [Fact]
    public async Task Imaps_and_starttls_work_when_the_stack_certificate_is_the_trusted_ca()
    {
        var mailbox = await _stack.CreateMailboxAsync();
        var tag = new MessageTag();
        await LmtpDelivery.DeliverAsync(tag.Message(1, mailbox), mailbox);
        var imap = TestConnectors.Imap(TestConnectors.Sessions(allowPlainText: false, trustStackCertificate: true));

        var overImaps = await IncomingSync.ToEndAsync(imap, _stack.Endpoint(_stack.ImapsPort, useTls: true, mailbox), state: null);
        var overStartTls = await IncomingSync.ToEndAsync(imap, _stack.Endpoint(_stack.ImapPort, useTls: true, mailbox), state: null);

        Assert.Equal([1], tag.NumbersIn(overImaps.Messages));
        Assert.Equal([1], tag.NumbersIn(overStartTls.Messages));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Without_the_ca_the_self_signed_certificate_is_a_permanent_tls_error(bool implicitTls)
    {
        var imap = TestConnectors.Imap(TestConnectors.Sessions(allowPlainText: false, trustStackCertificate: false));
        var endpoint = _stack.Endpoint(implicitTls ? _stack.ImapsPort : _stack.ImapPort, useTls: true, await _stack.CreateMailboxAsync());

        var error = await Assert.ThrowsAsync<MailServerException>(() => imap.TestAsync(endpoint, CancellationToken.None));

        Assert.Equal(MailErrorClass.Permanent, error.ErrorClass);
        Assert.Equal(MailErrorKind.Tls, error.Kind);
        Assert.Contains("TrustedCaFile", error.Message);
    }

    [Fact]
    public async Task Plain_text_is_refused_before_connecting_when_not_allowed()
    {
        var imap = TestConnectors.Imap(TestConnectors.Sessions(allowPlainText: false));
        // Nothing listens there: a connection attempt would fail as Connection, not Tls.
        var endpoint = _stack.Endpoint(UnusedPort.Find(), useTls: false, await _stack.CreateMailboxAsync());

        var error = await Assert.ThrowsAsync<MailServerException>(() => imap.TestAsync(endpoint, CancellationToken.None));

        Assert.Equal(MailErrorClass.Permanent, error.ErrorClass);
        Assert.Equal(MailErrorKind.Tls, error.Kind);
        Assert.Contains("plain text is not allowed; turn on TLS on the profile or set ServerSync:AllowNonSSLEmail", error.Message);
    }

    [Fact]
    public async Task Plain_text_is_used_when_allowed()
    {
        var imap = TestConnectors.Imap(TestConnectors.Sessions(allowPlainText: true));

        await imap.TestAsync(_stack.Endpoint(_stack.ImapPort, useTls: false, await _stack.CreateMailboxAsync()), CancellationToken.None);
    }
}
