using System.Text;
using MailKit;

namespace ServerSync.Connectors.Connections;

/// <summary>
/// Remembers the last line the server sent. MailKit drops IMAP response codes such as [UNAVAILABLE] and
/// POP3 ones such as [SYS/TEMP] from its exceptions, yet they decide whether a failure is temporary.
/// </summary>
internal sealed class LastServerReplyLogger : IProtocolLogger
{
    // Enough for any status line; older bytes (message bodies included) are dropped as they arrive.
    private const int KeptBytes = 1024;

    private readonly byte[] _tail = new byte[KeptBytes];
    private int _length;

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    /// <summary>The last complete or partial line from the server, without its line break; null before any reply.</summary>
    public string? LastLine
    {
        get
        {
            if (_length == 0)
            {
                return null;
            }

            var text = Encoding.Latin1.GetString(_tail, 0, _length).TrimEnd('\r', '\n');
            return text[(text.LastIndexOf('\n') + 1)..];
        }
    }

    public void LogServer(byte[] buffer, int offset, int count)
    {
        if (count >= KeptBytes)
        {
            Array.Copy(buffer, offset + count - KeptBytes, _tail, 0, KeptBytes);
            _length = KeptBytes;
            return;
        }

        var overflow = _length + count - KeptBytes;
        if (overflow > 0)
        {
            Array.Copy(_tail, overflow, _tail, 0, _length - overflow);
            _length -= overflow;
        }

        Array.Copy(buffer, offset, _tail, _length, count);
        _length += count;
    }

    public void LogConnect(Uri uri)
    {
    }

    public void LogClient(byte[] buffer, int offset, int count)
    {
    }

    public void Dispose()
    {
    }
}
