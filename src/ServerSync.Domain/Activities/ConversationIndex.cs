namespace ServerSync.Domain.Activities;

/// <summary>
/// Outlook's Thread-Index header: a 22-byte header block plus one 5-byte block per reply. A reply's
/// parent is the same index without its last block (reference 2.5.3, ConversationIndex correlation).
/// </summary>
public static class ConversationIndex
{
    private const int HeaderLength = 22;
    private const int ChildLength = 5;

    /// <summary>The index as stored on the activity (the header's base64), or null when it isn't a valid index.</summary>
    public static string? Parse(string? threadIndex)
    {
        if (string.IsNullOrWhiteSpace(threadIndex)) return null;
        try
        {
            var bytes = Convert.FromBase64String(threadIndex.Trim());
            return bytes.Length >= HeaderLength && (bytes.Length - HeaderLength) % ChildLength == 0 ? Convert.ToBase64String(bytes) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The parent's index, or null for the first message of a conversation.</summary>
    public static string? Parent(string index)
    {
        var bytes = Convert.FromBase64String(index);
        return bytes.Length <= HeaderLength ? null : Convert.ToBase64String(bytes[..^ChildLength]);
    }

    /// <summary>A new index for a reply to <paramref name="parent"/> (or a new conversation when null).</summary>
    public static string Child(string? parent, DateTimeOffset now)
    {
        if (parent is null)
        {
            var header = new byte[HeaderLength];
            header[0] = 1;
            BitConverter.TryWriteBytes(header.AsSpan(1, 5), now.UtcTicks >> 16);
            Guid.NewGuid().TryWriteBytes(header.AsSpan(6, 16));
            return Convert.ToBase64String(header);
        }
        var child = new byte[ChildLength];
        BitConverter.TryWriteBytes(child.AsSpan(0, 4), (int)(now.UtcTicks >> 18));
        child[4] = (byte)Random.Shared.Next(256);
        return Convert.ToBase64String([.. Convert.FromBase64String(parent), .. child]);
    }
}
