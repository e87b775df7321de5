namespace ServerSync.Domain.Tenancy;

/// <summary>
/// The one rule for every password a person gets (admin API, first start): at least 12 characters, at least
/// 6 different characters and at least 2 kinds of lower case, upper case, digits and others. Length matters most;
/// the rest refuses the trivially repetitive ("aaaaaaaaaaaa", "abcabcabcabc", "123456789012").
/// </summary>
public static class PasswordRule
{
    public const int MinimumLength = 12;
    public const int MinimumDistinct = 6;
    public const int MinimumKinds = 2;

    public const string Description = "A password has at least 12 characters, at least 6 different ones, and at least two kinds of lower case, upper case, digits and other characters.";

    /// <summary>Why the password is refused, or null when it is acceptable.</summary>
    public static string? Problem(string password)
    {
        if (password.Length < MinimumLength) return $"The password is too short. {Description}";
        if (password.Distinct().Count() < MinimumDistinct) return $"The password repeats too few characters. {Description}";
        var kinds = new[] { password.Any(char.IsLower), password.Any(char.IsUpper), password.Any(char.IsDigit), password.Any(c => !char.IsLetterOrDigit(c)) }
            .Count(k => k);
        return kinds < MinimumKinds ? $"The password uses only one kind of character. {Description}" : null;
    }
}
