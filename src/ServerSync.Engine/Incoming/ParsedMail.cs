using System.Runtime.InteropServices;
using MimeKit;
using ServerSync.Connectors.Abstractions;
using ServerSync.Domain.Activities;

namespace ServerSync.Engine.Incoming;

/// <summary>What the pipeline needs of one received message, read once from its MIME (bodies and attachments decoded).</summary>
public sealed class ParsedMail
{
    public required string ServerId { get; init; }
    public required string MessageId { get; init; }
    public required Guid DupCheck { get; init; }
    public string? InReplyTo { get; init; }
    public Guid? InReplyToDupCheck { get; init; }
    public string? ConversationIndex { get; init; }
    public string? Subject { get; init; }
    public string? FromAddress { get; init; }
    public string? FromName { get; init; }
    public required IReadOnlyList<string> To { get; init; }
    public required IReadOnlyList<string> Cc { get; init; }
    public DateTimeOffset? Date { get; init; }
    public DateTimeOffset? ReceivedOn { get; init; }
    public string? Body { get; init; }
    public required IReadOnlyList<ParsedAttachment> Attachments { get; init; }

    public IEnumerable<string> AllAddresses => To.Concat(Cc).Append(FromAddress ?? "").Where(a => a.Length > 0);

    /// <summary>Parses one fetched message; throws <see cref="FormatException"/> when it is not readable MIME.</summary>
    public static ParsedMail Parse(FetchedMessage fetched)
    {
        var mime = MemoryMarshal.TryGetArray(fetched.Mime, out var array) ? array : new ArraySegment<byte>(fetched.Mime.ToArray());
        using var stream = new MemoryStream(mime.Array!, mime.Offset, mime.Count, writable: false);
        // Persistent: the parts' contents stay slices of this buffer instead of copies; everything is decoded
        // before it goes out of scope.
        return From(fetched.ServerId, MimeMessage.Load(stream, persistent: true), fetched.Mime.Span, fetched.ReceivedOn);
    }

    public static ParsedMail From(string serverId, MimeMessage message, ReadOnlySpan<byte> raw, DateTimeOffset? receivedOn)
    {
        var from = message.From.Mailboxes.FirstOrDefault();
        var date = message.Date == DateTimeOffset.MinValue ? (DateTimeOffset?)null : message.Date.ToUniversalTime();
        var messageId = string.IsNullOrWhiteSpace(message.MessageId)
            ? MessageIdentity.Synthesize(from?.Address, date, message.Subject, raw)
            : message.MessageId;
        var inReplyTo = string.IsNullOrWhiteSpace(message.InReplyTo) ? null : message.InReplyTo;
        // Everything taken from the message is cleaned here, once, for every store and every query it reaches.
        return new ParsedMail
        {
            ServerId = serverId,
            MessageId = StoredText.Clean($"<{MessageIdentity.Normalize(messageId)}>")!,
            DupCheck = MessageIdentity.DupCheck(messageId),
            InReplyTo = inReplyTo is null ? null : StoredText.Clean($"<{MessageIdentity.Normalize(inReplyTo)}>"),
            InReplyToDupCheck = inReplyTo is null ? null : MessageIdentity.DupCheck(inReplyTo),
            ConversationIndex = StoredText.Clean(Domain.Activities.ConversationIndex.Parse(message.Headers["Thread-Index"])),
            Subject = StoredText.Clean(message.Subject),
            FromAddress = StoredText.Clean(from?.Address?.ToLowerInvariant()),
            FromName = StoredText.Clean(from?.Name),
            To = Addresses(message.To),
            Cc = Addresses(message.Cc),
            Date = date,
            ReceivedOn = receivedOn,
            Body = StoredText.Clean(message.HtmlBody ?? message.TextBody),
            Attachments = message.Attachments.OfType<MimePart>().Select(Decode).ToList(),
        };
    }

    private static ParsedAttachment Decode(MimePart part)
    {
        // Decoding never makes content larger than its encoded form, so one buffer of that size is enough.
        using var content = new MemoryStream(part.Content?.Stream is { CanSeek: true } encoded ? (int)Math.Min(encoded.Length, Array.MaxLength) : 0);
        part.Content?.DecodeTo(content);
        var bytes = content.Capacity == content.Length ? content.GetBuffer() : content.ToArray();
        return new ParsedAttachment(StoredText.Clean(part.FileName), StoredText.Clean(part.ContentType.MimeType)!, StoredText.Clean(part.ContentId), bytes);
    }

    private static List<string> Addresses(InternetAddressList list) =>
        list.Mailboxes.Select(m => StoredText.Clean(m.Address.ToLowerInvariant())!).Where(a => a.Length > 0).Distinct().ToList();
}
