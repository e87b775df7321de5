using System.Text;
using System.Text.Json.Nodes;

namespace ServerSync.Bench;

/// <summary>
/// Sits between the in-process server's console logger and the real console: counts the server's warnings and errors
/// per category and per bench phase (for the result files), and prints only the first few entries of each category so a
/// storm of identical warnings doesn't bury the bench's own lines. The bench's lines pass through untouched.
/// </summary>
public sealed class ConsoleTap : TextWriter
{
    private const int PrintedPerCategory = 5;
    private readonly TextWriter _inner;
    private readonly StringBuilder _line = new();
    private readonly object _lock = new();
    private readonly Dictionary<string, int> _printed = [];
    private readonly Dictionary<(string Phase, string Level, string Category), (int Count, string? Sample)> _counts = [];
    private (string Phase, string Level, string Category)? _entry;
    private bool _entryPrinted;
    private bool _needSample;

    private ConsoleTap(TextWriter inner) => _inner = inner;

    public static ConsoleTap Current { get; private set; } = null!;

    public static void Install()
    {
        Current = new ConsoleTap(Console.Out);
        Console.SetOut(Current);
    }

    /// <summary>What the bench is doing now; warnings are counted under it.</summary>
    public string Phase { get; set; } = "start";

    public override Encoding Encoding => _inner.Encoding;

    public override void Write(char value)
    {
        lock (_lock)
        {
            if (value == '\n') Line(_line.ToString());
            else if (value != '\r') _line.Append(value);
        }
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        lock (_lock)
        {
            foreach (var c in value)
            {
                if (c == '\n') Line(_line.ToString());
                else if (c != '\r') _line.Append(c);
            }
        }
    }

    public override void Flush()
    {
        lock (_lock) _inner.Flush();
    }

    private void Line(string line)
    {
        _line.Clear();
        var level = line.Length > 6 && line[4] == ':' && line[5] == ' ' ? line[..4] : null;
        if (level is "warn" or "fail" or "crit" or "info" or "dbug" or "trce")
        {
            var category = line[6..].Trim();
            var key = (Phase, level, category);
            var seen = _counts.GetValueOrDefault(key);
            _counts[key] = (seen.Count + 1, seen.Sample);
            _needSample = seen.Sample is null;
            _entry = key;
            var printed = _printed.GetValueOrDefault(category);
            _entryPrinted = printed < PrintedPerCategory;
            _printed[category] = printed + 1;
            if (_entryPrinted) _inner.WriteLine(line);
            else if (printed == PrintedPerCategory) _inner.WriteLine($"{level}: {category} (further entries of this category are counted, not printed)");
            return;
        }
        if (_entry is { } entry && line.StartsWith("      ", StringComparison.Ordinal))
        {
            if (_needSample)
            {
                _counts[entry] = (_counts[entry].Count, line.Trim());
                _needSample = false;
            }
            if (_entryPrinted) _inner.WriteLine(line);
            return;
        }
        _entry = null;
        _inner.WriteLine(line);
        _inner.Flush();
    }

    /// <summary>Warnings and errors counted so far, per phase and category, with the first message of each.</summary>
    public JsonArray Json()
    {
        lock (_lock)
        {
            return new JsonArray(_counts.Where(kv => kv.Key.Level is "warn" or "fail" or "crit").OrderBy(kv => kv.Key.Phase).ThenByDescending(kv => kv.Value.Count)
                .Select(kv => (JsonNode)new JsonObject
                {
                    ["phase"] = kv.Key.Phase, ["level"] = kv.Key.Level, ["category"] = kv.Key.Category, ["count"] = kv.Value.Count,
                    ["first_message"] = kv.Value.Sample is { Length: > 300 } s ? s[..300] + "…" : kv.Value.Sample,
                }).ToArray());
        }
    }

    /// <summary>A Markdown section with the server's warnings and errors of this scenario.</summary>
    public void Write(ResultFile file)
    {
        var rows = Json();
        file.Json["server_log_warnings"] = rows.DeepClone();
        file.Heading("Server log: warnings and errors (counted by the bench)");
        if (rows.Count == 0)
        {
            file.Para("None.");
            return;
        }
        file.Table(["bench phase", "level", "category", "count", "first message"], rows.Select(r => new[]
        {
            r!["phase"]!.ToString(), r["level"]!.ToString(), $"`{r["category"]}`", r["count"]!.ToString(),
            (r["first_message"]?.ToString() ?? "") is { Length: > 160 } m ? m[..160] + "…" : r["first_message"]?.ToString() ?? "",
        }));
        file.Para("The console shows the first five entries of each category (bench/results/<scenario>.log); the rest are only counted here.");
    }
}
