using System.Text.Json;
using System.Text.RegularExpressions;

namespace ServerSync.Server.Errors;

/// <summary>The message for an admin API body that System.Text.Json refused, naming the field as the Web API does.</summary>
public static partial class AdminBodyError
{
    public static string Describe(JsonException e)
    {
        if (UnmappedProperty().Match(e.Message) is { Success: true } unknown)
            return $"Invalid property '{unknown.Groups[1].Value}' was found in the request body.";
        var field = e.Path is { Length: > 2 } path ? $" at '{path[2..]}'" : "";
        return $"The request body is not valid{field}: {e.Message}";
    }

    [GeneratedRegex("^The JSON property '(.+)' could not be mapped")]
    private static partial Regex UnmappedProperty();
}
