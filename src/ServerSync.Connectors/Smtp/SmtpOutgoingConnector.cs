using MimeKit;
using ServerSync.Connectors.Abstractions;
using ServerSync.Connectors.Connections;

namespace ServerSync.Connectors.Smtp;

/// <summary>Sends mail over SMTP: TLS per the profile, AUTH when the endpoint has credentials.</summary>
public sealed class SmtpOutgoingConnector(MailSessionRunner sessions) : IOutgoingConnector
{
    /// <summary>Connect, EHLO (and STARTTLS), AUTH, QUIT: proves the settings without sending anything.</summary>
    public Task TestAsync(MailServerEndpoint endpoint, CancellationToken ct) =>
        sessions.RunSmtpAsync(endpoint, (_, _) => Task.CompletedTask, ct);

    /// <summary>
    /// Sends the message as it is, Message-ID included, to its To/Cc/Bcc recipients (Bcc is not transmitted).
    /// MailKit only re-encodes 8-bit parts for a server without 8BITMIME.
    /// </summary>
    public Task SendAsync(MailServerEndpoint endpoint, MimeMessage message, Func<CancellationToken, Task> beforeTransfer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(beforeTransfer);
        return sessions.RunSmtpAsync(endpoint, async (client, token) =>
        {
            try
            {
                await beforeTransfer(token);
            }
            catch (Exception e)
            {
                // The caller's failure (its store) is not a mail server error; the session runner rethrows it as is.
                throw new BatchHandlerException(e);
            }
            await client.SendAsync(message, token);
        }, ct);
    }
}
