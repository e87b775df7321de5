using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.RegularExpressions;

namespace ServerSync.Server.WebApi.Metadata;

/// <summary>
/// The options of an option-set enum with their labels: a member's <see cref="DisplayAttribute"/> name where the Domain
/// gives Dataverse's label, otherwise its name in words ("PendingApproval" → "Pending Approval").
/// </summary>
public static partial class OptionLabels
{
    public static IReadOnlyList<OptionDefinition> Of(Type optionSet) =>
        optionSet.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => new OptionDefinition(Convert.ToInt32(f.GetRawConstantValue()), f.GetCustomAttribute<DisplayAttribute>()?.Name ?? Words(f.Name)))
            .OrderBy(o => o.Value)
            .ToList();

    /// <summary>"PendingApproval" → "Pending Approval".</summary>
    public static string Words(string name) => WordBoundary().Replace(name, " ");

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")]
    private static partial Regex WordBoundary();
}
