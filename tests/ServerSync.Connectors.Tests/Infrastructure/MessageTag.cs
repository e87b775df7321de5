using MimeKit;
using ServerSync.Connectors.Abstractions;

namespace ServerSync.Connectors.Tests.Infrastructure;

/// <summary>
/// Numbers a test's own messages with Message-IDs no other test uses, so assertions hold even in a mailbox
/// that other tests have written to.
/// </summary>
internal sealed class MessageTag
{
    private readonly string _prefix = $"t{Guid.NewGuid():N}"[..13];

    public string MessageId(int number) => $"{_prefix}.{number}@connectors.test";

    public MimeMessage Message(int number, TestMailbox to, DateTimeOffset? sentOn = null, TestMailbox? from = null)
    {
        var message = new MimeMessage
        {
            MessageId = MessageId(number),
            Subject = $"{_prefix} message {number}",
            Date = sentOn ?? DateTimeOffset.Now,
            Body = new TextPart("plain") { Text = $"Test message {number}.\r\n.A line that starts with a dot.\r\n" },
        };
        message.From.Add(MailboxAddress.Parse(from?.Address ?? "sender@elsewhere.test"));
        message.To.Add(MailboxAddress.Parse(to.Address));
        return message;
    }

    /// <summary>The numbers of this tag's messages among <paramref name="messages"/>, in their order.</summary>
    public IReadOnlyList<int> NumbersIn(IEnumerable<FetchedMessage> messages) =>
        messages.Select(message => ParseMime(message).MessageId ?? "")
            .Where(id => id.StartsWith(_prefix + ".", StringComparison.Ordinal))
            .Select(id => int.Parse(id[(_prefix.Length + 1)..id.IndexOf('@')], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    public static MimeMessage ParseMime(FetchedMessage message)
    {
        using var stream = new MemoryStream(message.Mime.ToArray());
        return MimeMessage.Load(stream);
    }
}
