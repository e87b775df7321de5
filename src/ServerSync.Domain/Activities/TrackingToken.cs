using System.Text.RegularExpressions;
using ServerSync.Domain.Email;

namespace ServerSync.Domain.Activities;

/// <summary>
/// Tracking tokens in subjects (reference 2.6): prefix, colon, the online/offline designator digit (always 0),
/// the user's number offset by the org's base, and a per-org message counter, e.g. <c>CRM:0001002</c>.
/// </summary>
public static class TrackingToken
{
    /// <summary>The token for the user's next outgoing email; advances the org's counter (wrapping at the maximum).</summary>
    public static string Next(Organization org, int userNumber)
    {
        var counterDigits = org.MaximumTrackingNumber.ToString().Length;
        var counter = org.NextTrackingNumber % (org.MaximumTrackingNumber + 1);
        org.NextTrackingNumber = counter + 1 > org.MaximumTrackingNumber ? 0 : counter + 1;
        var user = (org.TrackingTokenIdBase + userNumber).ToString().PadLeft(org.TrackingTokenIdDigits, '0');
        return $"{CurrentPrefix(org)}:0{user}{counter.ToString().PadLeft(counterDigits, '0')}";
    }

    /// <summary>The prefix in use: the last of the history list kept in trackingprefix (comma- or semicolon-separated).</summary>
    public static string CurrentPrefix(Organization org) => Prefixes(org).Last();

    /// <summary>The token in a subject, for any prefix the org has used.</summary>
    public static string? Find(string? subject, Organization org)
    {
        if (string.IsNullOrEmpty(subject)) return null;
        foreach (var prefix in Prefixes(org).Reverse())
        {
            var match = Regex.Match(subject, $@"{Regex.Escape(prefix)}:\d+", RegexOptions.IgnoreCase | RegexOptions.RightToLeft);
            if (match.Success) return match.Value;
        }
        return null;
    }

    /// <summary>
    /// Appends the token, truncating the subject to fit <paramref name="maxLength"/> (MaximumSubjectLengthOnMailServer);
    /// a token longer than the limit is left off and the subject truncated (reference 1.3).
    /// </summary>
    public static string AppendToSubject(string? subject, string token, int maxLength = 255)
    {
        subject ??= "";
        var suffix = " " + token;
        if (suffix.Length > maxLength) return subject.Length > maxLength ? subject[..maxLength] : subject;
        var room = maxLength - suffix.Length;
        return (subject.Length > room ? subject[..room] : subject) + suffix;
    }

    private static IEnumerable<string> Prefixes(Organization org) =>
        org.TrackingPrefix.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
