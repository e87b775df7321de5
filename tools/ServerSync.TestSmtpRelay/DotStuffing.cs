namespace ServerSync.TestSmtpRelay;

/// <summary>SMTP/LMTP DATA transparency (RFC 5321 4.5.2).</summary>
internal static class DotStuffing
{
    /// <summary>
    /// Returns <paramref name="message"/> with a '.' added before every line that starts with '.',
    /// ending in CRLF, ready to be followed by the ".\r\n" terminator.
    /// </summary>
    public static byte[] Apply(ReadOnlySpan<byte> message)
    {
        var output = new MemoryStream(message.Length + 64);
        bool lineStart = true;
        foreach (byte b in message)
        {
            if (lineStart && b == (byte)'.')
            {
                output.WriteByte((byte)'.');
            }
            output.WriteByte(b);
            lineStart = b == (byte)'\n';
        }
        if (!lineStart)
        {
            output.Write("\r\n"u8);
        }
        return output.ToArray();
    }
}
