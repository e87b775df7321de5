using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using ServerSync.Connectors.Abstractions;
using ServerSync.Connectors.Connections;

namespace ServerSync.Connectors.Tests;

/// <summary>The mappings the real server can't easily be made to produce (busy, in use, timeouts).</summary>
public sealed class MailErrorClassifierTests
{
    private static readonly MailServerEndpoint Endpoint = new()
    {
        Host = "mail.example.test",
        Port = 143,
        UseTls = true,
        UserName = "alice@example.test",
        Timeout = TimeSpan.FromSeconds(30),
    };

    [Theory]
    [InlineData("A00000002 NO [UNAVAILABLE] Temporary authentication failure.", MailErrorClass.Transient, MailErrorKind.ServerBusy)]
    [InlineData("-ERR [SYS/TEMP] Temporary authentication failure.", MailErrorClass.Transient, MailErrorKind.ServerBusy)]
    [InlineData("454 4.7.0 Temporary authentication failure", MailErrorClass.Transient, MailErrorKind.ServerBusy)]
    [InlineData("A00000002 NO [AUTHENTICATIONFAILED] Authentication failed.", MailErrorClass.Permanent, MailErrorKind.Authentication)]
    public void Authentication_failures_are_permanent_unless_the_server_says_temporary(string lastReply, MailErrorClass errorClass, MailErrorKind kind) =>
        AssertClassified(new AuthenticationException("failed"), lastReply, errorClass, kind);

    [Theory]
    [InlineData("A00000005 NO [INUSE] Mailbox is locked", MailErrorClass.Transient, MailErrorKind.ServerBusy)]
    [InlineData("A00000005 NO [UNAVAILABLE] Try again later", MailErrorClass.Transient, MailErrorKind.ServerBusy)]
    [InlineData("A00000005 NO Something else", MailErrorClass.Transient, MailErrorKind.Protocol)]
    public void Imap_command_failures_with_busy_codes_are_server_busy(string lastReply, MailErrorClass errorClass, MailErrorKind kind) =>
        AssertClassified(new ImapCommandException(ImapCommandResponse.No, "failed"), lastReply, errorClass, kind);

    [Fact]
    public void A_pop3_mailbox_in_use_is_server_busy() =>
        AssertClassified(new Pop3CommandException("failed", "[IN-USE] Mailbox locked"), "-ERR [IN-USE] Mailbox locked",
            MailErrorClass.Transient, MailErrorKind.ServerBusy);

    [Theory]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy, MailErrorClass.Transient, MailErrorKind.ServerBusy)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.ErrorInProcessing, MailErrorClass.Transient, MailErrorKind.ServerBusy)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, MailErrorClass.Permanent, MailErrorKind.MessageRejected)]
    [InlineData(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.MailboxNameNotAllowed, MailErrorClass.Permanent, MailErrorKind.MessageRejected)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.TransactionFailed, MailErrorClass.Permanent, MailErrorKind.MessageRejected)]
    public void Smtp_4xx_is_retried_and_5xx_on_sender_recipient_or_message_is_a_rejection(SmtpErrorCode code, SmtpStatusCode status, MailErrorClass errorClass, MailErrorKind kind) =>
        AssertClassified(new SmtpCommandException(code, status, MailboxAddress.Parse("bob@example.test"), "refused"), null, errorClass, kind);

    [Fact]
    public void A_missing_folder_is_mailbox_not_found() =>
        AssertClassified(new FolderNotFoundException("Sent"), null, MailErrorClass.Permanent, MailErrorKind.MailboxNotFound);

    [Fact]
    public void A_server_without_starttls_is_a_tls_error() =>
        AssertClassified(new NotSupportedException("The IMAP server does not support the STARTTLS extension."), null, MailErrorClass.Permanent, MailErrorKind.Tls);

    [Fact]
    public void A_dropped_connection_is_a_connection_error()
    {
        AssertClassified(new ServiceNotConnectedException(), null, MailErrorClass.Transient, MailErrorKind.Connection);
        AssertClassified(new IOException("reset"), null, MailErrorClass.Transient, MailErrorKind.Connection);
    }

    [Fact]
    public void A_timeout_is_a_timeout_error()
    {
        AssertClassified(new TimeoutException(), null, MailErrorClass.Transient, MailErrorKind.Timeout);
        AssertClassified(new OperationCanceledException(), null, MailErrorClass.Transient, MailErrorKind.Timeout);
    }

    [Fact]
    public void A_garbled_answer_is_a_protocol_error() =>
        AssertClassified(new ImapProtocolException("unexpected token"), null, MailErrorClass.Transient, MailErrorKind.Protocol);

    [Fact]
    public void Cancellation_by_the_caller_and_bugs_are_not_server_errors()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Null(MailErrorClassifier.Classify(new OperationCanceledException(cancelled.Token), Endpoint, null, cancelled.Token));
        Assert.Null(MailErrorClassifier.Classify(new NullReferenceException(), Endpoint, null, CancellationToken.None));
    }

    private static void AssertClassified(Exception error, string? lastReply, MailErrorClass errorClass, MailErrorKind kind)
    {
        var classified = MailErrorClassifier.Classify(error, Endpoint, lastReply, CancellationToken.None);

        Assert.NotNull(classified);
        Assert.Equal((errorClass, kind), (classified.ErrorClass, classified.Kind));
        Assert.Contains("mail.example.test:143", classified.Message);
        Assert.Same(error, classified.InnerException);
    }
}
