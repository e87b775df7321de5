using System.Net.Sockets;
using System.Text;
using MailKit.Net.Smtp;
using MimeKit;
using MimeKit.IO;

namespace ServerSync.Connectors.Tests.Infrastructure;

/// <summary>Delivers test mail straight into Dovecot over LMTP, the way an MTA would.</summary>
internal static class LmtpDelivery
{
    public static async Task DeliverAsync(MimeMessage message, TestMailbox recipient)
    {
        var stack = MailStack.Current;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(stack.Host, stack.LmtpPort);
        await using var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII, detectEncodingFromByteOrderMarks: false, leaveOpen: true);

        await StartTransactionAsync(stream, reader);
        await SendAsync(stream, reader, $"RCPT TO:<{recipient.Address}>", "250");
        await SendAsync(stream, reader, "DATA", "354");
        await stream.WriteAsync(DotStuffed(message));
        await SendAsync(stream, reader, ".", "250");
        await SendAsync(stream, reader, "QUIT", "221");
    }

    /// <summary>Whether Dovecot knows the address (RCPT TO accepted), without delivering anything.</summary>
    public static async Task<bool> AcceptsRecipientAsync(string address)
    {
        var stack = MailStack.Current;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(stack.Host, stack.LmtpPort);
        await using var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII, detectEncodingFromByteOrderMarks: false, leaveOpen: true);

        await StartTransactionAsync(stream, reader);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"RCPT TO:<{address}>\r\n"));
        var accepted = (await ReadReplyAsync(reader, "RCPT TO")).StartsWith("250", StringComparison.Ordinal);
        await SendAsync(stream, reader, "QUIT", "221");
        return accepted;
    }

    private static async Task StartTransactionAsync(NetworkStream stream, StreamReader reader)
    {
        await ExpectAsync(reader, "greeting", "220");
        await SendAsync(stream, reader, "LHLO connectors.test", "250");
        await SendAsync(stream, reader, "MAIL FROM:<>", "250");
    }

    private static byte[] DotStuffed(MimeMessage message)
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        using var data = new MemoryStream();
        using (var filtered = new FilteredStream(data))
        {
            filtered.Add(new SmtpDataFilter());
            message.WriteTo(options, filtered);
            filtered.Flush();
        }

        // The terminating "." must start a line.
        if (data.Length < 2 || data.GetBuffer()[data.Length - 1] != '\n')
        {
            data.Write("\r\n"u8);
        }

        return data.ToArray();
    }

    private static async Task SendAsync(NetworkStream stream, StreamReader reader, string command, string expectedCode)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        await ExpectAsync(reader, command, expectedCode);
    }

    private static async Task ExpectAsync(StreamReader reader, string command, string expectedCode)
    {
        var reply = await ReadReplyAsync(reader, command);
        if (!reply.StartsWith(expectedCode, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"LMTP answered '{command}' with '{reply}'");
        }
    }

    /// <summary>The last line of a possibly multi-line reply.</summary>
    private static async Task<string> ReadReplyAsync(StreamReader reader, string command)
    {
        string reply;
        do
        {
            reply = await reader.ReadLineAsync() ?? throw new IOException($"LMTP closed the connection after {command}");
        }
        while (reply.Length > 3 && reply[3] == '-');

        return reply;
    }
}
