namespace ServerSync.Domain.Email;

/// <summary>
/// When a mailbox is looked at next (reference 1.7 and 2.2): soon after a cycle that found mail, doubling
/// through the active range while cycles come back empty, then through the idle range; transient errors
/// wait their own interval. The engine stores the result in postponemailboxprocessinguntil.
/// </summary>
public static class SyncBackoff
{
    /// <param name="emptyCycles">Consecutive cycles without mail (noemailcount), counting the one just finished.</param>
    public static TimeSpan AfterCycle(SyncSettings settings, int emptyCycles)
    {
        var activeMin = Math.Max(1, settings.ActiveMailboxMinimumBackoff);
        if (emptyCycles <= 0) return TimeSpan.FromSeconds(activeMin);
        var seconds = (double)activeMin;
        var n = 0;
        for (; n < emptyCycles && seconds * 2 <= settings.ActiveMailboxMaximumBackoff; n++) seconds *= 2;
        if (n == emptyCycles) return TimeSpan.FromSeconds(seconds);
        // Idle: start at the idle minimum and double up to the idle maximum.
        var idle = (double)Math.Max(settings.IdleMailboxMinimumBackoff, settings.ActiveMailboxMaximumBackoff);
        for (var m = n + 1; m < emptyCycles && idle < settings.IdleMailboxMaximumBackoff; m++) idle *= 2;
        return TimeSpan.FromSeconds(Math.Min(idle, settings.IdleMailboxMaximumBackoff));
    }

    public static TimeSpan AfterTransientError(SyncSettings settings, bool timeout) =>
        TimeSpan.FromSeconds(timeout ? settings.MailboxBackoffOnTimeout : settings.MailboxBackoffOnTransientError);

    /// <summary>The 10th (by default) transient failure in a row disables the direction.</summary>
    public static bool ShouldDisable(SyncSettings settings, int consecutiveTransientFailures) =>
        consecutiveTransientFailures >= settings.MaxMailboxTransientFailures;
}
