using System.Security.Cryptography;
using System.Text;

namespace ServerSync.Domain.Activities;

/// <summary>
/// The identity of a message across mailboxes: its Message-ID, normalised (no angle brackets, lower case),
/// and the <c>messageiddupcheck</c> hash that makes it unique per environment (reference 2.5.6).
/// </summary>
public static class MessageIdentity
{
    public static string Normalize(string messageId) => messageId.Trim().Trim('<', '>').Trim().ToLowerInvariant();

    public static Guid DupCheck(string messageId) => HashGuid(Normalize(messageId));

    /// <summary>
    /// A stable stand-in for mail without a Message-ID, from what identifies it (sender, date, subject,
    /// body hash), so the same message seen twice still maps to one activity.
    /// </summary>
    public static string Synthesize(string? from, DateTimeOffset? date, string? subject, ReadOnlySpan<byte> body)
    {
        var bodyHash = Convert.ToHexString(SHA256.HashData(body))[..32];
        var seed = $"{from}|{date?.ToUnixTimeSeconds()}|{subject}|{bodyHash}";
        return $"{HashGuid(seed):N}@serversync.generated";
    }

    /// <summary>A GUID from the MD5 of the text's UTF-8: a stable key, not a secret.</summary>
    internal static Guid HashGuid(string text)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(text));
        return new Guid(hash);
    }
}
