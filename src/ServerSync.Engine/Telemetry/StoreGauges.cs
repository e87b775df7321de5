using System.Diagnostics.Metrics;

namespace ServerSync.Engine.Telemetry;

/// <summary>One sample of the store-wide gauges, per environment: mailboxes by state and the Pending Send backlog.</summary>
public sealed record StoreGauges(
    IReadOnlyList<Measurement<long>> Mailboxes, IReadOnlyList<Measurement<long>> PendingSend, IReadOnlyList<Measurement<double>> OldestPendingSend)
{
    public static StoreGauges Empty { get; } = new([], [], []);
}
