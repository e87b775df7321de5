using ServerSync.Connectors.Abstractions;
using ServerSync.Connectors.Tests.Infrastructure;

namespace ServerSync.Connectors.Tests;

public sealed class ConnectionErrorTests
{
    private readonly MailStack _stack = MailStack.Current;

    public static TheoryData<string> Protocols => ["imap", "pop3", "smtp"];

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task A_wrong_password_is_a_permanent_authentication_error_naming_the_user(string protocol)
    {
        var mailbox = await _stack.CreateMailboxAsync() with { Password = "wrong-password" };

        var error = await Assert.ThrowsAsync<MailServerException>(() => TestAsync(protocol, mailbox));

        Assert.Equal(MailErrorClass.Permanent, error.ErrorClass);
        Assert.Equal(MailErrorKind.Authentication, error.Kind);
        Assert.Contains($"rejected the user name or password for {mailbox.Address}; correct the mailbox or profile credentials", error.Message);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task A_refused_connection_is_a_transient_connection_error(string protocol)
    {
        var port = UnusedPort.Find();
        var endpoint = _stack.Endpoint(port, useTls: false, await _stack.CreateMailboxAsync());

        var error = await Assert.ThrowsAsync<MailServerException>(() => ConnectorFor(protocol).Invoke(endpoint));

        Assert.Equal(MailErrorClass.Transient, error.ErrorClass);
        Assert.Equal(MailErrorKind.Connection, error.Kind);
        Assert.Contains($"{_stack.Host}:{port}", error.Message);
    }

    [Fact]
    public async Task A_mailbox_without_a_user_name_is_a_permanent_authentication_error()
    {
        var endpoint = _stack.Endpoint(_stack.ImapPort, useTls: false, mailbox: null);

        var error = await Assert.ThrowsAsync<MailServerException>(() => TestConnectors.Imap().TestAsync(endpoint, CancellationToken.None));

        Assert.Equal(MailErrorKind.Authentication, error.Kind);
        Assert.True(error.IsPermanent);
    }

    private Task TestAsync(string protocol, TestMailbox mailbox)
    {
        var port = protocol switch
        {
            "imap" => _stack.ImapPort,
            "pop3" => _stack.Pop3Port,
            _ => _stack.SubmissionPort,
        };
        return ConnectorFor(protocol).Invoke(_stack.Endpoint(port, useTls: protocol == "smtp", mailbox));
    }

    private static Func<MailServerEndpoint, Task> ConnectorFor(string protocol) => protocol switch
    {
        "imap" => endpoint => TestConnectors.Imap().TestAsync(endpoint, CancellationToken.None),
        "pop3" => endpoint => TestConnectors.Pop3().TestAsync(endpoint, CancellationToken.None),
        _ => endpoint => TestConnectors.Smtp().TestAsync(endpoint, CancellationToken.None),
    };
}
