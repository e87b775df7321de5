namespace ServerSync.Testing;

/// <summary>The real clock plus a shift a test moves forward, so time-dependent rules are tested without waiting.</summary>
public sealed class ShiftableClock : TimeProvider
{
    private long _shiftTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _shiftTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _shiftTicks, by.Ticks);
}
