using ServerSync.Domain.Email;

namespace ServerSync.Domain.Tests.Email;

/// <summary>When a mailbox is looked at next (reference 1.7, 2.2).</summary>
public sealed class SyncBackoffTests
{
    private static readonly SyncSettings Settings = new()
    {
        ActiveMailboxMinimumBackoff = 60, ActiveMailboxMaximumBackoff = 300,
        IdleMailboxMinimumBackoff = 600, IdleMailboxMaximumBackoff = 3600,
        MailboxBackoffOnTransientError = 300, MailboxBackoffOnTimeout = 120, MaxMailboxTransientFailures = 10,
    };

    [Theory]
    [InlineData(0, 60)]     // mail found: soon again
    [InlineData(1, 120)]    // empty cycles double through the active range…
    [InlineData(2, 240)]
    [InlineData(3, 600)]    // …then the idle range starts at its minimum…
    [InlineData(4, 1200)]
    [InlineData(5, 2400)]
    [InlineData(6, 3600)]   // …and stops at its maximum
    [InlineData(50, 3600)]
    public void Empty_cycles_back_off_through_active_then_idle_range(int emptyCycles, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), SyncBackoff.AfterCycle(Settings, emptyCycles));
    }

    [Fact]
    public void Transient_errors_wait_their_own_interval_and_the_tenth_disables()
    {
        Assert.Equal(TimeSpan.FromSeconds(300), SyncBackoff.AfterTransientError(Settings, timeout: false));
        Assert.Equal(TimeSpan.FromSeconds(120), SyncBackoff.AfterTransientError(Settings, timeout: true));
        Assert.False(SyncBackoff.ShouldDisable(Settings, 9));
        Assert.True(SyncBackoff.ShouldDisable(Settings, 10));
    }
}
