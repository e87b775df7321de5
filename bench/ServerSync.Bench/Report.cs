using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerSync.Bench;

public static class Log
{
    private static readonly Stopwatch Since = Stopwatch.StartNew();

    public static void Line(string text) => Console.WriteLine($"[bench {Since.Elapsed.TotalSeconds,7:F1}s] {text}");
}

public static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        if (v.Length == 0) return double.NaN;
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    /// <summary>Nearest-rank percentile (p in 0..100).</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var v = values.Order().ToArray();
        if (v.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * v.Length);
        return v[Math.Clamp(rank - 1, 0, v.Length - 1)];
    }

    public static string F(double value, int decimals = 1) =>
        double.IsNaN(value) ? "–" : value.ToString("N" + decimals, CultureInfo.InvariantCulture);

    public static string Runs(IEnumerable<double> values, int decimals = 1) => string.Join(", ", values.Select(v => F(v, decimals)));
}

/// <summary>CPU time of this process (the server runs in it), of the whole machine and of the stack's Dovecot.</summary>
public sealed record CpuSnapshot(DateTimeOffset At, double ProcessSeconds, double MachineBusySeconds, double DovecotSeconds, double PostgresSeconds, long ManagedBytes, long WorkingSetBytes)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static CpuSnapshot Take(bool fullGc = false)
    {
        using var self = Process.GetCurrentProcess();
        return new CpuSnapshot(DateTimeOffset.UtcNow, self.TotalProcessorTime.TotalSeconds, MachineBusy(), Tree(MailStackOps.DovecotPid(), bySession: true),
            Tree(int.TryParse(Environment.GetEnvironmentVariable("BENCH_PG_PID"), out var pg) ? pg : null, bySession: false),
            GC.GetTotalMemory(fullGc), self.WorkingSet64);
    }

    private static double MachineBusy()
    {
        try
        {
            var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            // user nice system idle iowait irq softirq steal: busy = all but idle and iowait
            return (f.Take(8).Sum() - f[3] - f[4]) / TicksPerSecond;
        }
        catch (IOException) { return double.NaN; }
    }

    /// <summary>
    /// A daemon's CPU: its own and its reaped children's, plus its live processes (Dovecot: those of its session, as it
    /// daemonizes with setsid; PostgreSQL: the postmaster's children).
    /// </summary>
    private static double Tree(int? root, bool bySession)
    {
        if (root is not { } master) return double.NaN;
        double total = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); } catch (IOException) { continue; } catch (UnauthorizedAccessException) { continue; }
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields after "pid (comm) ": state ppid pgrp session ... utime(11) stime(12) cutime(13) cstime(14)
            if (pid == master) total += (long.Parse(f[11]) + long.Parse(f[12]) + long.Parse(f[13]) + long.Parse(f[14])) / TicksPerSecond;
            else if (f[bySession ? 3 : 1] == master.ToString(CultureInfo.InvariantCulture)) total += (long.Parse(f[11]) + long.Parse(f[12])) / TicksPerSecond;
        }
        return total;
    }

    public JsonObject DeltaJson(CpuSnapshot later) => new()
    {
        ["wall_s"] = Math.Round((later.At - At).TotalSeconds, 3),
        ["process_cpu_s"] = Math.Round(later.ProcessSeconds - ProcessSeconds, 3),
        ["machine_busy_cpu_s"] = Math.Round(later.MachineBusySeconds - MachineBusySeconds, 2),
        ["dovecot_cpu_s"] = Math.Round(later.DovecotSeconds - DovecotSeconds, 2),
        ["postgres_cpu_s"] = double.IsNaN(PostgresSeconds) ? null : Math.Round(later.PostgresSeconds - PostgresSeconds, 2),
    };
}

/// <summary>Facts about the machine and the software, for the head of every result file.</summary>
public static class Machine
{
    /// <summary>/proc/loadavg when the bench started (other work on the machine skews wall times).</summary>
    public static string LoadAtStart { get; } = File.ReadAllText("/proc/loadavg").Trim();

    public static JsonObject Facts(string? pgVersion = null, string? sqliteVersion = null)
    {
        var facts = new JsonObject
        {
            ["date_utc"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'"),
            ["cores"] = Environment.ProcessorCount,
            ["cpu"] = Read("/proc/cpuinfo", "model name"),
            ["memory_gib"] = Math.Round(double.Parse(Read("/proc/meminfo", "MemTotal")?.Split(' ')[0] ?? "0") / 1048576, 1),
            ["os"] = $"Debian {File.ReadAllText("/etc/debian_version").Trim()}, kernel {File.ReadAllText("/proc/sys/kernel/osrelease").Trim()}",
            ["dotnet_runtime"] = RuntimeInformation.FrameworkDescription,
            ["dotnet_sdk"] = Environment.GetEnvironmentVariable("BENCH_DOTNET_SDK") ?? "?",
            ["gc"] = GCSettings.IsServerGC ? "server" : "workstation",
            ["dovecot"] = Try("dovecot", "--version"),
            ["mbsync"] = Try("mbsync", "--version"),
            ["load_average_at_start"] = LoadAtStart,
            ["server"] = "in-process: ServerSync.Server hosted by WebApplicationFactory (tests/ServerSync.Testing fixtures) inside the bench process; HTTP calls go through the in-memory TestServer",
            ["temp_dir_fs"] = FileSystemOf(Path.GetTempPath()),
            ["serversync_source"] = Environment.GetEnvironmentVariable("BENCH_GIT") ?? "?",
            ["mail_stack"] = "scripts/mailstack-start.sh (Dovecot; SMTP relay) on 127.0.0.1" +
                (Environment.GetEnvironmentVariable("BENCH_DOVECOT_TUNING") is { Length: > 0 } t ? $"; Dovecot tuned by bench/run.sh: {t}" : ""),
        };
        if (pgVersion is not null) facts["postgresql"] = pgVersion;
        if (sqliteVersion is not null) facts["sqlite"] = sqliteVersion;
        return facts;
    }

    public static string FileSystemOf(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            var best = ("", "?");
            foreach (var line in File.ReadLines("/proc/mounts"))
            {
                var f = line.Split(' ');
                if (full.StartsWith(f[1], StringComparison.Ordinal) && f[1].Length >= best.Item1.Length) best = (f[1], $"{f[2]} ({f[0]} on {f[1]}, {f[3]})");
            }
            return best.Item2;
        }
        catch (IOException) { return "?"; }
    }

    private static string? Read(string file, string key) =>
        File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key))?.Split(':', 2)[1].Trim().Replace(" kB", "");

    public static string Try(string file, params string[] args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return text.Trim().Split('\n')[0];
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "not installed";
        }
    }
}

/// <summary>A result file pair: bench/results/&lt;scenario&gt;.md (Markdown) and &lt;scenario&gt;.json (raw numbers).</summary>
public sealed class ResultFile(string scenario, string title)
{
    private readonly StringBuilder _md = new();

    public JsonObject Json { get; } = new() { ["scenario"] = scenario };

    public void Heading(string text) => _md.Append("\n## ").Append(text).Append("\n\n");

    public void Para(string text) => _md.Append(text).Append("\n\n");

    public void Table(string[] header, IEnumerable<string[]> rows)
    {
        _md.Append("| ").Append(string.Join(" | ", header)).Append(" |\n");
        _md.Append('|').Append(string.Concat(header.Select(_ => " --- |"))).Append('\n');
        foreach (var row in rows) _md.Append("| ").Append(string.Join(" | ", row.Select(c => c.Replace("|", "\\|")))).Append(" |\n");
        _md.Append('\n');
    }

    public void Facts(JsonObject facts)
    {
        Json["machine"] = facts.DeepClone();
        Table(["fact", "value"], facts.Select(kv => new[] { kv.Key, kv.Value?.ToString() ?? "" }));
    }

    public void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        Json["load_average_at_end"] = File.ReadAllText("/proc/loadavg").Trim();
        var md = $"# ServerSync benchmark: {title}\n\nWritten by `bench/run.sh {scenario}` (bench/ServerSync.Bench) on {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC. " +
                 $"The server runs **in-process** in the bench (tests/ServerSync.Testing fixtures), with the sync engine on; raw numbers in `{scenario}.json`. " +
                 $"Load average at the end: {Json["load_average_at_end"]}.\n" + _md;
        File.WriteAllText(Path.Combine(directory, $"{scenario}.md"), md);
        File.WriteAllText(Path.Combine(directory, $"{scenario}.json"), Json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Log.Line($"wrote {Path.Combine(directory, scenario)}.md and .json");
    }
}
