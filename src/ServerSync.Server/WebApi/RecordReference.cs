using System.Text.RegularExpressions;

namespace ServerSync.Server.WebApi;

/// <summary>A reference to a row as the Web API writes it: <c>/mailboxes(id)</c>, <c>mailboxes(id)</c> or a full URL.</summary>
public static partial class RecordReference
{
    public static bool TryParse(string? text, out string entitySet, out Guid id)
    {
        var match = Pattern().Match(text ?? "");
        entitySet = match.Success ? match.Groups["set"].Value : "";
        id = match.Success ? Guid.Parse(match.Groups["id"].Value) : Guid.Empty;
        return match.Success;
    }

    [GeneratedRegex(@"^(?:.*/)?(?<set>[a-z_]+)\((?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\)$")]
    private static partial Regex Pattern();
}
