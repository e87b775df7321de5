using System.Runtime.InteropServices;
using MimeKit;
using MimeKit.Utils;
using ServerSync.Connectors.Abstractions;

namespace ServerSync.Engine.Monitoring;

/// <summary>When the mail server received a message: IMAP's INTERNALDATE, or the Date header where the protocol has none (POP3).</summary>
public static class ServerReceiptTime
{
    public static DateTimeOffset? Of(FetchedMessage message)
    {
        if (message.ReceivedOn is { } received) return received;
        // Only the header block is read, not the whole message.
        using var stream = MemoryMarshal.TryGetArray(message.Mime, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(message.Mime.ToArray(), writable: false);
        try
        {
            var date = HeaderList.Load(stream)[HeaderId.Date];
            return date is not null && DateUtils.TryParse(date, out var sent) ? sent : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
