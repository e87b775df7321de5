using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ServerSync.TestSmtpRelay;

/// <summary>
/// Minimal LMTP client (RFC 2033) for delivering one message to Dovecot: one connection per message.
/// All recipients are checked before DATA and the transaction is abandoned if any is refused, so a
/// message is delivered to all local recipients or to none (the SMTP client then sees one clear error
/// instead of a partial delivery).
/// </summary>
internal sealed class LmtpClient(IPEndPoint endpoint)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <returns>null when every recipient accepted the message, otherwise the first refusal.</returns>
    /// <exception cref="IOException">Connection failed, closed or timed out.</exception>
    /// <exception cref="SocketException">Connection refused.</exception>
    public async Task<LmtpReply?> DeliverAsync(string from, IReadOnlyList<string> recipients, ReadOnlyMemory<byte> message,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var ct = timeout.Token;

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint, ct);
        await using var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII, detectEncodingFromByteOrderMarks: false, 4096, leaveOpen: true);

        async Task<LmtpReply> ReadReplyAsync()
        {
            string line;
            do
            {
                line = await reader.ReadLineAsync(ct) ?? throw new IOException("LMTP server closed the connection");
            }
            while (line.Length > 3 && line[3] == '-');   // "250-..." continues a multi-line reply
            return new LmtpReply(line);
        }
        async Task<LmtpReply> CommandAsync(string command)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), ct);
            return await ReadReplyAsync();
        }
        async Task<LmtpReply> AbandonAsync(LmtpReply refusal)
        {
            await stream.WriteAsync("QUIT\r\n"u8.ToArray(), ct);
            return refusal;
        }

        LmtpReply reply = await ReadReplyAsync();   // greeting
        if (!reply.IsPositive) return reply;
        if (!(reply = await CommandAsync("LHLO serversync-test-relay")).IsPositive) return await AbandonAsync(reply);
        if (!(reply = await CommandAsync($"MAIL FROM:<{from}>")).IsPositive) return await AbandonAsync(reply);
        foreach (string rcpt in recipients)
        {
            if (!(reply = await CommandAsync($"RCPT TO:<{rcpt}>")).IsPositive) return await AbandonAsync(reply);
        }
        if (!(reply = await CommandAsync("DATA")).IsPositive) return await AbandonAsync(reply);

        await stream.WriteAsync(DotStuffing.Apply(message.Span), ct);
        await stream.WriteAsync(".\r\n"u8.ToArray(), ct);
        // LMTP answers DATA once per accepted recipient.
        LmtpReply? firstRefusal = null;
        for (int i = 0; i < recipients.Count; i++)
        {
            reply = await ReadReplyAsync();
            if (!reply.IsPositive) firstRefusal ??= reply;
        }
        await stream.WriteAsync("QUIT\r\n"u8.ToArray(), ct);
        return firstRefusal;
    }
}
