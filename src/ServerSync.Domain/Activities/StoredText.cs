namespace ServerSync.Domain.Activities;

/// <summary>
/// Makes text that comes from outside (mail headers and bodies, mail server replies) storable in every store.
/// PostgreSQL refuses a NUL character and a lone UTF-16 surrogate (not encodable as UTF-8), and SQLite silently turns
/// the latter into U+FFFD; left as they came, one such message would fail its batch on every retry and stop the mailbox.
/// NULs are dropped (they carry nothing in text), lone surrogates become U+FFFD, and cutting to a column size never
/// splits a surrogate pair.
/// </summary>
public static class StoredText
{
    public static string? Clean(string? value)
    {
        if (string.IsNullOrEmpty(value) || !NeedsCleaning(value)) return value;
        return string.Create(value.Length - value.Count(c => c == '\0'), value, (target, source) =>
        {
            var n = 0;
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                if (c == '\0') continue;
                if (char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
                {
                    target[n++] = c;
                    target[n++] = source[++i];
                }
                else
                {
                    target[n++] = char.IsSurrogate(c) ? '\uFFFD' : c;
                }
            }
        });
    }

    /// <summary>Cleans <paramref name="value"/> and cuts it to at most <paramref name="max"/> characters.</summary>
    public static string? Cut(string? value, int max)
    {
        value = Clean(value);
        if (value is null || value.Length <= max) return value;
        // A pair cut in two would leave a lone high surrogate at the end.
        return value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)];
    }

    private static bool NeedsCleaning(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0') return true;
            if (!char.IsSurrogate(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else return true;
        }
        return false;
    }
}
