using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServerSync.Cli.Records;

/// <summary>
/// Turns <c>col=value</c> arguments into a JSON body. <c>true</c>, <c>false</c>, <c>null</c> and plain
/// numbers become JSON literals; a value wrapped in quotes stays a string (so <c>'"42"'</c> is the text
/// 42); everything else is a string. Lookups (<c>col@odata.bind=/set(id)</c>) are always strings.
/// </summary>
public static partial class ColumnValues
{
    private const string BindSuffix = "@odata.bind";

    public static JsonObject Parse(IEnumerable<string> assignments)
    {
        var body = new JsonObject();
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=');
            if (equals <= 0)
                throw CliException.Usage($"'{assignment}' is not a column assignment; write column=value");
            var column = assignment[..equals];
            if (!ColumnPattern().IsMatch(column))
                throw CliException.Usage($"'{column}' is not a column name");
            if (body.ContainsKey(column))
                throw CliException.Usage($"the column {column} is given more than once");
            body[column] = column.EndsWith(BindSuffix, StringComparison.Ordinal)
                ? ParseBind(assignment[(equals + 1)..])
                : ParseValue(assignment[(equals + 1)..]);
        }
        return body;
    }

    public static JsonNode? ParseValue(string text)
    {
        if (Unquote(text) is { } quoted) return JsonValue.Create(quoted);
        switch (text)
        {
            case "true": return JsonValue.Create(true);
            case "false": return JsonValue.Create(false);
            case "null": return null;
        }
        // JsonNode.Parse keeps the digits exactly as typed, however long; leading zeros (a postal code,
        // an account number) don't match and stay text.
        return NumberPattern().IsMatch(text) ? JsonNode.Parse(text) : JsonValue.Create(text);
    }

    /// <summary>A lookup reference is text, except <c>null</c>, which clears the lookup.</summary>
    private static JsonNode? ParseBind(string text) =>
        text == "null" ? null : JsonValue.Create(Unquote(text) ?? text);

    private static string? Unquote(string text) =>
        text.Length >= 2 && (text[0] is '"' or '\'') && text[^1] == text[0] ? text[1..^1] : null;

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(@[A-Za-z0-9_.]+)?$")]
    private static partial Regex ColumnPattern();
}
