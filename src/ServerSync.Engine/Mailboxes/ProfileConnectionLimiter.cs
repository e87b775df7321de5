using System.Collections.Concurrent;

namespace ServerSync.Engine.Mailboxes;

/// <summary>
/// Honours a profile's maxconcurrentconnections on this node: at most that many mailboxes of the profile
/// talk to the server at once. [gap] The limit is per node; a cluster of N nodes may open N times as many.
/// </summary>
public sealed class ProfileConnectionLimiter
{
    private readonly ConcurrentDictionary<Guid, (int Max, SemaphoreSlim Gate)> _gates = new();

    public async Task<IDisposable> AcquireAsync(Guid profileId, int maxConnections, CancellationToken ct)
    {
        var max = Math.Clamp(maxConnections, 1, 300);
        var entry = _gates.AddOrUpdate(profileId, _ => (max, new SemaphoreSlim(max)), (_, old) => old.Max == max ? old : (max, new SemaphoreSlim(max)));
        await entry.Gate.WaitAsync(ct);
        return new Release(entry.Gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) gate.Release();
        }
    }
}
