namespace ServerSync.AdminUi.Components.Shared;

/// <summary>An option of a select: the value as text (Fluent selects bind strings) and its label.</summary>
public sealed record Choice(string Value, string Label)
{
    public static List<Choice> Of(IEnumerable<(int Value, string Label)> set) => set.Select(x => new Choice(x.Value.ToString(), x.Label)).ToList();
}
