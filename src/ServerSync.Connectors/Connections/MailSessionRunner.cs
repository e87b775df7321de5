using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Net.Smtp;
using ServerSync.Connectors.Abstractions;

namespace ServerSync.Connectors.Connections;

/// <summary>
/// Runs one operation in a fresh, authenticated MailKit session: connect under the <see cref="TlsPolicy"/>,
/// log in, run, log out. Every server failure leaves as a classified <see cref="MailServerException"/>.
/// </summary>
public sealed class MailSessionRunner(TlsPolicy tlsPolicy)
{
    internal Task<T> RunImapAsync<T>(MailServerEndpoint endpoint, Func<ImapClient, CancellationToken, Task<T>> operation, CancellationToken ct) =>
        RunAsync(endpoint, logger => new ImapClient(logger), credentialsRequired: true, operation, ct);

    internal Task<T> RunPop3Async<T>(MailServerEndpoint endpoint, Func<Pop3Client, CancellationToken, Task<T>> operation, CancellationToken ct) =>
        RunAsync(endpoint, logger => new Pop3Client(logger), credentialsRequired: true, operation, ct);

    /// <summary>SMTP logs in only when the endpoint has a user name: a relay may accept mail without AUTH.</summary>
    internal Task RunSmtpAsync(MailServerEndpoint endpoint, Func<SmtpClient, CancellationToken, Task> operation, CancellationToken ct) =>
        RunAsync(endpoint, logger => new SmtpClient(logger), credentialsRequired: false, async (client, token) =>
        {
            await operation(client, token);
            return true;
        }, ct);

    private async Task<T> RunAsync<TClient, T>(
        MailServerEndpoint endpoint,
        Func<IProtocolLogger, TClient> createClient,
        bool credentialsRequired,
        Func<TClient, CancellationToken, Task<T>> operation,
        CancellationToken ct)
        where TClient : MailService
    {
        tlsPolicy.EnsureAllowed(endpoint);
        if (credentialsRequired && string.IsNullOrEmpty(endpoint.UserName))
        {
            throw new MailServerException(MailErrorClass.Permanent, MailErrorKind.Authentication,
                $"no user name is set for {endpoint.Host}:{endpoint.Port}; set the mailbox or profile credentials");
        }

        var lastReply = new LastServerReplyLogger();
        using var client = createClient(lastReply);
        client.Timeout = ToMilliseconds(endpoint.Timeout);
        client.ServerCertificateValidationCallback = tlsPolicy.CertificateValidation;
        T result;
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, tlsPolicy.SocketOptionsFor(endpoint), ct);
            if (!string.IsNullOrEmpty(endpoint.UserName))
            {
                await client.AuthenticateAsync(endpoint.UserName, endpoint.Password ?? string.Empty, ct);
            }

            result = await operation(client, ct);
        }
        catch (BatchHandlerException stored)
        {
            ExceptionDispatchInfo.Throw(stored.InnerException!);
            throw;
        }
        catch (Exception error) when (MailErrorClassifier.Classify(error, endpoint, lastReply.LastLine, ct) is { } classified)
        {
            throw classified;
        }

        await LogOutAsync(client);
        return result;
    }

    /// <summary>
    /// The work is done (a message may already be sent): a failed LOGOUT/QUIT must not turn it into an
    /// error that makes the engine repeat it. Not cancellable for the same reason; the client timeout bounds it.
    /// </summary>
    private static async Task LogOutAsync(MailService client)
    {
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception error) when (error is IOException or SocketException or TimeoutException or ProtocolException or CommandException)
        {
            // The server closed first or did not answer the goodbye; the client is disposed either way.
        }
    }

    internal static int ToMilliseconds(TimeSpan timeout) => (int)Math.Clamp(timeout.TotalMilliseconds, 1, int.MaxValue);
}
