using System.Collections.Concurrent;

namespace ServerSync.Server.Auth;

/// <summary>
/// Refuses sign-ins from a client address that failed <see cref="MaxFailures"/> times within <see cref="Window"/>,
/// until that window ends: guessing across many user names is slowed as much as guessing one. In memory, per node.
/// </summary>
public sealed class ClientAddressThrottle(TimeProvider clock)
{
    public const int MaxFailures = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new();

    /// <summary>How long the address must wait, or null when it may try.</summary>
    public TimeSpan? RetryAfter(string address)
    {
        if (!_failures.TryGetValue(address, out var failures)) return null;
        lock (failures)
        {
            var left = failures.WindowStartedOn + Window - clock.GetUtcNow();
            return failures.Count >= MaxFailures && left > TimeSpan.Zero ? left : null;
        }
    }

    public void RecordFailure(string address)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count > PruneAbove)
            foreach (var (key, old) in _failures)
                if (old.WindowStartedOn + Window < now) _failures.TryRemove(key, out _);
        var failures = _failures.GetOrAdd(address, _ => new Failures { WindowStartedOn = now });
        lock (failures)
        {
            if (failures.WindowStartedOn + Window <= now) (failures.WindowStartedOn, failures.Count) = (now, 0);
            failures.Count++;
        }
    }

    private sealed class Failures
    {
        public DateTimeOffset WindowStartedOn;
        public int Count;
    }
}
