using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using ServerSync.Connectors.Abstractions;
using ServerSync.Domain.Email;
using ServerSync.Engine.Incoming;
using ServerSync.Storage;

namespace ServerSync.Engine.Telemetry;

/// <summary>
/// The engine's metrics (meter <see cref="Name"/>) and spans (activity source of the same name); the engine calls these
/// methods, the host exports them (OpenTelemetry). Attributes stay low-cardinality: environment name, server type,
/// direction, error class and kind, result. Never a mailbox address or anything a user wrote.
/// </summary>
public sealed class EngineTelemetry
{
    public const string Name = "ServerSync.Engine";

    /// <summary>Spans: one per mailbox cycle, with fetch, store and send below it.</summary>
    public static readonly ActivitySource Source = new(Name);

    // Seconds from a mail server's receipt to the stored activity: push is well under a second, polls minutes to hours.
    private static readonly double[] LatencyBuckets = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 21600];
    private static readonly double[] DurationBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

    private readonly Counter<long> _processed, _failed, _connectorErrors, _throttled, _cycleFailures, _testedMailboxes;
    private readonly Counter<double> _throttleWait;
    private readonly Histogram<double> _latency, _cycleDuration, _jobDuration;
    private readonly UpDownCounter<long> _pushChannels;
    private readonly ConcurrentDictionary<Guid, string> _environmentNames = new();
    private volatile StoreGauges _gauges = StoreGauges.Empty;

    public EngineTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _processed = meter.CreateCounter<long>("serversync.items.processed", "{item}", "Items synchronized: incoming mail tracked, filtered or already tracked; outgoing mail sent");
        _failed = meter.CreateCounter<long>("serversync.items.failed", "{item}", "Items that failed: unreadable or refused incoming mail, outgoing mail the server refused");
        _latency = meter.CreateHistogram("serversync.sync.latency", "s", "Delay from the mail server receiving a message to its activity being stored",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _cycleDuration = meter.CreateHistogram("serversync.cycle.duration", "s", "Duration of one mailbox cycle (receive and send)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _cycleFailures = meter.CreateCounter<long>("serversync.cycle.failures", "{cycle}", "Mailbox cycles that failed for an unexpected reason (not a mail server error)");
        _connectorErrors = meter.CreateCounter<long>("serversync.connector.errors", "{error}", "Mail server errors, by class (transient, permanent) and kind");
        _throttled = meter.CreateCounter<long>("serversync.throttle.replies", "{reply}", "Replies of a mail server that it is busy or throttling");
        _throttleWait = meter.CreateCounter<double>("serversync.throttle.wait", "s", "Time a mailbox direction waits after a busy reply before it tries again");
        _pushChannels = meter.CreateUpDownCounter<long>("serversync.push.channels", "{connection}", "Push channels held open by this node (IMAP IDLE connections)");
        _jobDuration = meter.CreateHistogram("serversync.test_and_enable.job.duration", "s", "Duration of a Test & Enable job, from its first start to its end",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _testedMailboxes = meter.CreateCounter<long>("serversync.test_and_enable.mailboxes", "{mailbox}", "Mailboxes tested by Test & Enable, by result");
        meter.CreateObservableGauge("serversync.mailboxes", () => _gauges.Mailboxes, "{mailbox}", "Active mailboxes by state: enabled, failing, disabled, pending_approval");
        meter.CreateObservableGauge("serversync.pending_send.emails", () => _gauges.PendingSend, "{email}", "Emails waiting to be sent (Pending Send or Sending)");
        meter.CreateObservableGauge("serversync.pending_send.oldest_age", () => _gauges.OldestPendingSend, "s", "Age of the longest-waiting email to send, since it was queued or last tried");
    }

    /// <summary>A mailbox cycle's span (null when nobody listens); the fetch, store and send spans nest under it.</summary>
    public static Activity? StartCycle(Guid mailboxId) =>
        Source.StartActivity("mailbox cycle")?.SetTag("serversync.mailbox.id", mailboxId);

    /// <summary>A step of the current cycle: fetch, store, send.</summary>
    public static Activity? StartStep(string name) => Source.StartActivity(name);

    /// <summary>The attributes every measurement of one mailbox's cycle carries (the environment's name is read once per node).</summary>
    public async Task<TagList> MailboxTagsAsync(ServerSyncDbContext db, Guid environmentId, ServerType serverType, CancellationToken ct)
    {
        if (!_environmentNames.TryGetValue(environmentId, out var name))
        {
            name = await db.Environments.Where(e => e.Id == environmentId).Select(e => e.Name).FirstAsync(ct);
            _environmentNames[environmentId] = name;
        }
        var tags = new TagList { { "serversync.environment", name }, { "serversync.server_type", ServerTypeName(serverType) } };
        Activity.Current?.SetTag("serversync.environment", name).SetTag("serversync.server_type", ServerTypeName(serverType));
        return tags;
    }

    public void Items(TagList mailbox, string direction, int processed, int failed)
    {
        var tags = With(mailbox, "serversync.direction", direction);
        if (processed > 0) _processed.Add(processed, tags);
        if (failed > 0) _failed.Add(failed, tags);
    }

    /// <summary>A stored batch of incoming mail: its items, and each message's delay from server receipt to <paramref name="storedOn"/>.</summary>
    public void Received(TagList mailbox, BatchResult batch, DateTimeOffset storedOn)
    {
        Items(mailbox, "incoming", batch.Processed, batch.Failed);
        // A sender's clock ahead of ours (Date header fallback) would give a negative delay.
        foreach (var receivedOn in batch.ServerReceipts) _latency.Record(Math.Max(0, (storedOn - receivedOn).TotalSeconds), mailbox);
    }

    public void CycleCompleted(TagList mailbox, TimeSpan duration) => _cycleDuration.Record(duration.TotalSeconds, mailbox);

    public void CycleFailed(Exception error)
    {
        _cycleFailures.Add(1, new KeyValuePair<string, object?>("error.type", error.GetType().Name));
        Activity.Current?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
    }

    /// <summary>A mail server error; a busy reply also counts as throttling with the wait it causes.</summary>
    public void ConnectorError(TagList mailbox, string direction, MailServerException error, TimeSpan? wait)
    {
        var tags = With(mailbox, "serversync.direction", direction);
        tags.Add("error.type", KindName(error.Kind));
        tags.Add("serversync.error.class", error.IsPermanent ? "permanent" : "transient");
        _connectorErrors.Add(1, tags);
        Activity.Current?.SetStatus(ActivityStatusCode.Error, KindName(error.Kind));
        if (error.Kind != MailErrorKind.ServerBusy) return;
        var throttle = With(mailbox, "serversync.direction", direction);
        _throttled.Add(1, throttle);
        if (wait is { } w && w > TimeSpan.Zero) _throttleWait.Add(w.TotalSeconds, throttle);
    }

    /// <summary>An IMAP IDLE connection opened (+1) or closed (-1).</summary>
    public void PushChannel(int delta) => _pushChannels.Add(delta, new KeyValuePair<string, object?>("serversync.push.kind", "imap_idle"));

    public void MailboxTested(bool success) =>
        _testedMailboxes.Add(1, new KeyValuePair<string, object?>("serversync.result", success ? "success" : "failure"));

    public void JobCompleted(TimeSpan duration, bool succeeded) =>
        _jobDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("serversync.result", succeeded ? "success" : "failure"));

    /// <summary>The latest store-wide numbers behind the gauges (sampled by <see cref="StoreGaugeSampler"/>).</summary>
    public void SetGauges(StoreGauges gauges) => _gauges = gauges;

    public static string ServerTypeName(ServerType type) => type switch
    {
        ServerType.ImapSmtp => "imap",
        ServerType.Other => "pop3",
        ServerType.ExchangeOnline => "exchange_online",
        ServerType.ExchangeServer or ServerType.ExchangeServerHybrid => "exchange_server",
        _ => "other",
    };

    private static string KindName(MailErrorKind kind) => kind switch
    {
        MailErrorKind.MailboxNotFound => "mailbox_not_found",
        MailErrorKind.ServerBusy => "server_busy",
        MailErrorKind.MessageRejected => "message_rejected",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static TagList With(TagList tags, string key, string value)
    {
        var copy = tags;
        copy.Add(key, value);
        return copy;
    }
}
