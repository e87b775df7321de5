using System.Text.RegularExpressions;

namespace ServerSync.Server.Provisioning;

/// <summary>Environment names appear in URLs: keep them plain.</summary>
public static partial class EnvironmentNames
{
    /// <summary>Names that would shadow the server's own routes.</summary>
    private static readonly HashSet<string> Reserved = ["api", "connect", "health", "admin", "swagger", "openapi"];

    public static bool IsValid(string name) => Pattern().IsMatch(name) && !Reserved.Contains(name);

    [GeneratedRegex("^[a-z][a-z0-9-]{1,63}$")]
    private static partial Regex Pattern();
}
