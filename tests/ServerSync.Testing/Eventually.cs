namespace ServerSync.Testing;

/// <summary>Waits for the background engine to reach a state; a generous upper bound, never a timing assertion.</summary>
public static class Eventually
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Gave up waiting for {what} after {Limit.TotalSeconds} s.");
            await Task.Delay(250);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> probe, string what) =>
        await ValueAsync(async () => await probe() ? "" : null, what);
}
