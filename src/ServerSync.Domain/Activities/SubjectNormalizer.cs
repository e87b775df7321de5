using System.Text.RegularExpressions;

namespace ServerSync.Domain.Activities;

/// <summary>Strips reply and forward prefixes ("RE:", "FW:", "AW:", "SV:" …) for smart matching (HashFilterKeywords).</summary>
public static partial class SubjectNormalizer
{
    public static string Normalize(string? subject, string? trackingToken = null)
    {
        var s = subject ?? "";
        if (!string.IsNullOrEmpty(trackingToken)) s = s.Replace(trackingToken, "", StringComparison.OrdinalIgnoreCase);
        return Whitespace().Replace(Prefixes().Replace(s, ""), " ").Trim().ToLowerInvariant();
    }

    /// <summary>The smart-matching hash of the normalized subject, or null when nothing is left to match on.</summary>
    public static Guid? Hash(string? subject, string? trackingToken)
    {
        var normalized = Normalize(subject, trackingToken);
        return normalized.Length == 0 ? null : MessageIdentity.HashGuid(normalized);
    }

    // The documented default HashFilterKeywords, ^[\s]*([\w]+\s?:[\s]*)+ : leading words followed by a colon.
    [GeneratedRegex(@"^[\s]*([\w]+\s?:[\s]*)+")]
    private static partial Regex Prefixes();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
