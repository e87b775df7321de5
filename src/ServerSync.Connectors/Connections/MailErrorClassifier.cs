using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Net.Smtp;
using MailKit.Security;
using ServerSync.Connectors.Abstractions;

namespace ServerSync.Connectors.Connections;

/// <summary>
/// The one place that turns MailKit and socket failures into <see cref="MailServerException"/>s: permanent
/// ones disable the mailbox direction at once, transient ones are retried (reference 2.2), and every
/// message says what to fix.
/// </summary>
internal static class MailErrorClassifier
{
    /// <summary>
    /// The classified error, or null when <paramref name="error"/> is not a mail server failure
    /// (the caller cancelled, or a bug) and must propagate unchanged.
    /// </summary>
    /// <param name="lastServerReply">The last line the server sent, for response codes MailKit does not expose.</param>
    public static MailServerException? Classify(Exception error, MailServerEndpoint endpoint, string? lastServerReply, CancellationToken callerToken)
    {
        var server = $"{endpoint.Host}:{endpoint.Port}";
        var user = endpoint.UserName ?? "(no user name)";

        return error switch
        {
            OperationCanceledException when callerToken.IsCancellationRequested => null,

            AuthenticationException when IsTemporaryReply(lastServerReply) => Transient(MailErrorKind.ServerBusy,
                $"the mail server {server} could not check the credentials of {user} right now ({lastServerReply}); it will be retried", error),
            AuthenticationException => Permanent(MailErrorKind.Authentication,
                $"the mail server {server} rejected the user name or password for {user}; correct the mailbox or profile credentials", error),

            SslHandshakeException or System.Security.Authentication.AuthenticationException => Permanent(MailErrorKind.Tls,
                $"the TLS handshake with {server} failed ({Innermost(error).Message}); check the server's certificate and host name, " +
                "or trust its CA with ServerSync:TrustedCaFile", error),
            NotSupportedException when MentionsStartTls(error.Message) => Permanent(MailErrorKind.Tls,
                $"{server} does not offer STARTTLS but the profile requires TLS; use the server's TLS port (993, 995 or 465) " +
                "or enable STARTTLS on the server", error),

            FolderNotFoundException notFound => Permanent(MailErrorKind.MailboxNotFound,
                $"the folder '{notFound.FolderName}' does not exist in the mailbox of {user} on {server}; create it or correct the mailbox", error),

            SmtpCommandException smtp when (int)smtp.StatusCode is >= 400 and < 500 => Transient(MailErrorKind.ServerBusy,
                $"the mail server {server} temporarily refused the message ({(int)smtp.StatusCode} {smtp.Message}); it will be retried", error),
            SmtpCommandException smtp when smtp.ErrorCode is SmtpErrorCode.SenderNotAccepted => Permanent(MailErrorKind.MessageRejected,
                $"the mail server {server} refused the sender {smtp.Mailbox} ({(int)smtp.StatusCode} {smtp.Message}); " +
                $"check that {user} may send as this address", error),
            SmtpCommandException smtp when smtp.ErrorCode is SmtpErrorCode.RecipientNotAccepted => Permanent(MailErrorKind.MessageRejected,
                $"the mail server {server} refused the recipient {smtp.Mailbox} ({(int)smtp.StatusCode} {smtp.Message}); correct the address", error),
            SmtpCommandException smtp when smtp.ErrorCode is SmtpErrorCode.MessageNotAccepted => Permanent(MailErrorKind.MessageRejected,
                $"the mail server {server} refused the message ({(int)smtp.StatusCode} {smtp.Message}); check its recipients, size and content", error),

            ImapCommandException or Pop3CommandException when IsTemporaryReply(lastServerReply) => Transient(MailErrorKind.ServerBusy,
                $"the mail server {server} is busy or the mailbox of {user} is in use ({lastServerReply}); it will be retried", error),

            ServiceNotConnectedException or IOException => Transient(MailErrorKind.Connection,
                $"the connection to {server} was lost ({error.Message}); check that the server is reachable", error),
            SocketException { SocketErrorCode: SocketError.TimedOut } or TimeoutException or OperationCanceledException => Transient(MailErrorKind.Timeout,
                $"{server} did not answer within {endpoint.Timeout.TotalSeconds:0} s; check the server, or raise the profile's connection timeout", error),
            SocketException socket => Transient(MailErrorKind.Connection,
                $"cannot connect to {server} ({socket.SocketErrorCode}); check the host name and port in the profile and that the server is up", error),

            CommandException or ProtocolException => Transient(MailErrorKind.Protocol,
                $"the mail server {server} answered unexpectedly ({error.Message})", error),
            NotSupportedException => Permanent(MailErrorKind.Protocol,
                $"the mail server {server} lacks a feature ServerSync needs ({error.Message}); check the profile's server type and settings", error),

            _ => null,
        };
    }

    // IMAP RFC 5530 codes, POP3 RFC 2449/3206 codes, and SMTP 4xx replies all mean "try again later".
    private static bool IsTemporaryReply(string? reply) =>
        reply is not null &&
        (reply.Contains("[UNAVAILABLE]", StringComparison.OrdinalIgnoreCase) ||
         reply.Contains("[INUSE]", StringComparison.OrdinalIgnoreCase) ||
         reply.Contains("[IN-USE]", StringComparison.OrdinalIgnoreCase) ||
         reply.Contains("[SYS/TEMP]", StringComparison.OrdinalIgnoreCase) ||
         (reply.Length >= 3 && reply[0] == '4' && char.IsAsciiDigit(reply[1]) && char.IsAsciiDigit(reply[2])));

    // MailKit's wording for a server without STARTTLS (SMTP, IMAP) or STLS (POP3) when TLS was required.
    private static bool MentionsStartTls(string message) =>
        message.Contains("STARTTLS", StringComparison.OrdinalIgnoreCase) || message.Contains("STLS", StringComparison.OrdinalIgnoreCase);

    private static Exception Innermost(Exception error)
    {
        while (error.InnerException is not null)
        {
            error = error.InnerException;
        }

        return error;
    }

    private static MailServerException Permanent(MailErrorKind kind, string message, Exception inner) =>
        new(MailErrorClass.Permanent, kind, message, inner);

    private static MailServerException Transient(MailErrorKind kind, string message, Exception inner) =>
        new(MailErrorClass.Transient, kind, message, inner);
}
