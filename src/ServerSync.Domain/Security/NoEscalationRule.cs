namespace ServerSync.Domain.Security;

/// <summary>
/// No escalation, as in Dataverse: whoever edits a role, gives a role to a user or team, or puts a user in a team
/// gives only privileges they hold themselves, each at least as deep.
/// </summary>
public static class NoEscalationRule
{
    /// <summary>The grants the caller doesn't hold deep enough, strongest first per name; empty when the caller may give them all.</summary>
    public static IReadOnlyList<PrivilegeGrant> NotHeld(CallerContext caller, IEnumerable<PrivilegeGrant> grants) =>
        grants.GroupBy(g => g.Name, StringComparer.Ordinal)
            .Select(g => g.MaxBy(x => x.Depth))
            .Where(g => caller.DepthOf(g.Name) is not { } held || held < g.Depth)
            .OrderBy(g => g.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The refusal's wording: what is given and the first privileges the caller lacks.</summary>
    public static string Describe(string what, IReadOnlyList<PrivilegeGrant> notHeld) =>
        $"You can't give {what}: it grants privileges you don't hold that deep: {string.Join(", ", notHeld.Take(5))}{(notHeld.Count > 5 ? $" and {notHeld.Count - 5} more" : "")}.";
}
