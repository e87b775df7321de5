using System.Text.RegularExpressions;

namespace ServerSync.Cli.Records;

/// <summary>
/// Lets admins type a table's logical name (<c>mailbox</c>) where the Web API wants its entity set
/// (<c>mailboxes</c>), as the Dataverse PowerShell cmdlets do.
/// </summary>
public static partial class EntitySetNames
{
    /// <summary>The entity set for a logical name or entity set name; an entity set is returned as it is.</summary>
    public static string ToEntitySet(string name)
    {
        var n = name.Trim().ToLowerInvariant();
        if (!NamePattern().IsMatch(n))
            throw CliException.Usage($"'{name}' is not a table name; use a logical name such as mailbox or an entity set such as mailboxes");
        if (n.EndsWith('s')) return n;
        if (n.EndsWith('x') || n.EndsWith("ch") || n.EndsWith("sh")) return n + "es";
        if (n.EndsWith('y') && n.Length > 1 && !"aeiou".Contains(n[^2])) return n[..^1] + "ies";
        return n + "s";
    }

    /// <summary>The logical name behind an entity set (mailboxes → mailbox), used to find a row's key column.</summary>
    public static string ToLogicalName(string entitySet)
    {
        if (entitySet.EndsWith("ies")) return entitySet[..^3] + "y";
        if (entitySet.EndsWith("xes") || entitySet.EndsWith("ches") || entitySet.EndsWith("shes")) return entitySet[..^2];
        return entitySet.EndsWith('s') ? entitySet[..^1] : entitySet;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex NamePattern();
}
