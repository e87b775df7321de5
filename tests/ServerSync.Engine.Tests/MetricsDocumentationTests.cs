using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ServerSync.Engine.Telemetry;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>The README's metrics table is the contract: it names every instrument the engine declares, and the names Prometheus gets.</summary>
public sealed partial class MetricsDocumentationTests(ObservedServer observed) : IClassFixture<ObservedServer>
{
    private sealed record Row(string Name, string Prometheus, string Type, string Unit);

    [Fact]
    public void The_table_lists_every_instrument_of_the_engine_meter_with_its_type_and_unit()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var declared = new List<Row>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == EngineTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, factory))
                    declared.Add(new Row(instrument.Name, "", Kind(instrument), instrument.Unit ?? ""));
            },
        };
        listener.Start();
        _ = new EngineTelemetry(factory);

        var documented = Table().Select(r => r with { Prometheus = "" }).OrderBy(r => r.Name).ToList();
        Assert.Equal(declared.OrderBy(r => r.Name).ToList(), documented);
    }

    [Fact]
    public async Task Every_exported_serversync_family_is_in_the_table_under_its_Prometheus_name_and_type()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(observed.Server));
        var user = await setup.UserAsync(await setup.ImapProfileAsync());
        await setup.TestAndEnableAsync(user.MailboxId);
        var message = new MimeMessage { Subject = "Documented", MessageId = $"{Guid.NewGuid():N}@sender.test" };
        message.From.Add(MailboxAddress.Parse("someone@outside.test"));
        message.To.Add(MailboxAddress.Parse(user.Address));
        message.Body = new TextPart("plain") { Text = "Counted." };
        await setup.Mail.DeliverAsync(message);
        await setup.EmailByMessageIdAsync(message.MessageId);

        var rows = Table();
        var expected = rows.ToDictionary(r => r.Prometheus, r => r.Type is "counter" ? "counter" : r.Type is "histogram" ? "histogram" : "gauge");
        var scrape = await Eventually.ValueAsync(async () =>
        {
            var s = await observed.ScrapeAsync();
            return s.Types.ContainsKey("serversync_push_channels") && s.Types.ContainsKey("serversync_cycle_duration_seconds") ? s : null;
        }, "the push channel and cycle families at /metrics");
        var exported = scrape.Types.Where(t => t.Key.StartsWith("serversync_", StringComparison.Ordinal)).ToDictionary(t => t.Key, t => t.Value);
        foreach (var (family, type) in exported)
        {
            Assert.True(expected.ContainsKey(family), $"{family} is exported but not in the README's metrics table");
            Assert.Equal(expected[family], type);
        }
        // What this sync measured is exported under the documented names.
        foreach (var name in new[] { "serversync.items.processed", "serversync.sync.latency", "serversync.cycle.duration", "serversync.push.channels",
                     "serversync.mailboxes", "serversync.pending_send.emails", "serversync.pending_send.oldest_age",
                     "serversync.test_and_enable.job.duration", "serversync.test_and_enable.mailboxes" })
            Assert.Contains(rows.Single(r => r.Name == name).Prometheus, exported.Keys);
    }

    [Fact]
    public void The_Grafana_dashboard_queries_only_documented_metrics()
    {
        var dashboard = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(MailStack.RepositoryRoot(), "deploy", "grafana", "serversync.json")))!;
        var documented = Table().Select(r => r.Prometheus).ToHashSet();
        var queried = dashboard["panels"]!.AsArray().SelectMany(p => p!["targets"]!.AsArray()).Select(t => t!["expr"]!.GetValue<string>())
            // Metric names are the identifiers before a selector or range; label names are followed by anything else.
            .SelectMany(e => DashboardMetric().Matches(e).Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.NotEmpty(queried);
        Assert.Empty(queried.Except(documented));
        Assert.Empty(documented.Except(queried)); // every documented metric has a panel
    }

    private static List<Row> Table()
    {
        var readme = File.ReadAllText(Path.Combine(MailStack.RepositoryRoot(), "README.md"));
        var section = readme[readme.IndexOf("\n### Metrics\n", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n#", 2, StringComparison.Ordinal)];
        var rows = TableRow().Matches(section).Select(m => new Row(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value.Trim(), m.Groups[4].Value)).ToList();
        Assert.NotEmpty(rows);
        return rows;
    }

    private static string Kind(Instrument instrument) => instrument.GetType().Name.Split('`')[0] switch
    {
        "Counter" => "counter",
        "Histogram" => "histogram",
        "UpDownCounter" => "updowncounter",
        "ObservableGauge" => "gauge",
        var other => other,
    };

    [GeneratedRegex(@"\b(serversync_[a-z_]+?)(?:_bucket|_count|_sum)?\b(?=[{\[])")]
    private static partial Regex DashboardMetric();

    [GeneratedRegex(@"^\| `(serversync\.[a-z_.]+)` \| `([a-z_]+)` \| ([a-z]+) \| `([^`]*)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
