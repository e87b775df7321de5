namespace ServerSync.TestSmtpRelay;

/// <summary>Command-line options of the relay (<c>--name value</c> pairs).</summary>
internal sealed record RelayOptions(int Port, int LmtpPort, string OutboxDirectory, IReadOnlySet<string> LocalDomains)
{
    public const string Usage =
        "usage: ServerSync.TestSmtpRelay --port N --lmtp-port M --outbox DIR [--local-domains a.test,b.test]";

    /// <exception cref="ArgumentException">Unknown, missing or malformed option.</exception>
    public static RelayOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i += 2)
        {
            string name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected '--option value', got '{name}'");
            }
            values[name[2..]] = args[i + 1];
        }

        string[] known = ["port", "lmtp-port", "outbox", "local-domains"];
        foreach (string name in values.Keys.Where(k => !known.Contains(k)))
        {
            throw new ArgumentException($"unknown option --{name}");
        }

        var domains = values.GetValueOrDefault("local-domains", "example.test")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new RelayOptions(
            ParsePort(values, "port"),
            ParsePort(values, "lmtp-port"),
            Path.GetFullPath(Required(values, "outbox")),
            domains);
    }

    private static string Required(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out string? value) && value.Length > 0
            ? value
            : throw new ArgumentException($"missing --{name}");

    private static int ParsePort(Dictionary<string, string> values, string name) =>
        int.TryParse(Required(values, name), out int port) && port is > 0 and <= 65535
            ? port
            : throw new ArgumentException($"--{name} must be a TCP port number");
}
