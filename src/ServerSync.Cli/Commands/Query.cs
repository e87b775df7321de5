namespace ServerSync.Cli.Commands;

/// <summary>Builds OData query strings with every value escaped, so filters with quotes and spaces survive.</summary>
public static class Query
{
    public static string Build(string path, params (string Name, string? Value)[] options)
    {
        var parts = options.Where(o => !string.IsNullOrEmpty(o.Value))
            .Select(o => $"{o.Name}={Uri.EscapeDataString(o.Value!)}")
            .ToList();
        return parts.Count == 0 ? path : $"{path}?{string.Join('&', parts)}";
    }

    /// <summary>A comma-separated column list, tidied (<c>a, b</c> → <c>a,b</c>); null when empty.</summary>
    public static string? ColumnList(string? columns)
    {
        if (string.IsNullOrWhiteSpace(columns)) return null;
        var names = columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return names.Length == 0 ? null : string.Join(',', names);
    }
}
