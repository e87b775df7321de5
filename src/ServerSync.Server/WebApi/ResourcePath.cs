using System.Text.RegularExpressions;

namespace ServerSync.Server.WebApi;

/// <summary>
/// The part of a Web API URL after <c>/api/data/v9.2/</c>: an entity set, a row, a navigation or
/// bound action of a row, or an unbound operation.
/// </summary>
public sealed partial record ResourcePath(string Head, Guid? Id, string? Navigation, Guid? NavigationId, bool IsRef, string? FunctionArguments)
{
    public static ResourcePath? Parse(string path)
    {
        var match = Pattern().Match(path.Trim('/'));
        if (!match.Success) return null;
        Guid? Id(string group) => match.Groups[group].Success ? Guid.Parse(match.Groups[group].Value) : null;
        return new ResourcePath(
            match.Groups["head"].Value,
            Id("id"),
            match.Groups["nav"].Success ? match.Groups["nav"].Value : null,
            Id("navid"),
            match.Groups["ref"].Success,
            match.Groups["args"].Success && !match.Groups["id"].Success ? match.Groups["args"].Value : null);
    }

    private const string GuidPattern = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    [GeneratedRegex(@"^(?<head>[A-Za-z_$][A-Za-z0-9_.]*)(?:\((?:(?<id>" + GuidPattern + @")|(?<args>[^)]*))\))?(?:/(?<nav>[A-Za-z_][A-Za-z0-9_.]*)(?:\((?<navid>" + GuidPattern + @")\))?)?(?<ref>/\$ref)?$")]
    private static partial Regex Pattern();
}
