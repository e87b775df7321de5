using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Email;
using ServerSync.Engine.Scheduling;
using ServerSync.Engine.Tests.Harness;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>
/// New mail reaches a mailbox held by IMAP IDLE at once, whatever happened before: long quiet periods (longer than
/// Orleans' collection age and the idle backoff), an IDLE the server ended, a server that keeps failing the wait.
/// Fake clock, default backoffs, in-memory mail server (<see cref="EngineHarness"/>).
/// </summary>
public sealed class PushLatencyTests(EngineHarness harness) : IClassFixture<EngineHarness>
{
    private static readonly TimeSpan PushLimit = TimeSpan.FromSeconds(10);

    private async Task<(MemoryMailboxSetup Setup, MemoryMailUser User)> EnabledUserAsync()
    {
        var setup = await MemoryMailboxSetup.CreateAsync(harness);
        var user = await setup.UserAsync(await setup.ProfileAsync());
        await setup.TestAndEnableAsync(user);
        return (setup, user);
    }

    [Fact]
    public async Task Mail_is_pushed_at_once_after_a_short_quiet_spell()
    {
        var (setup, user) = await EnabledUserAsync();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(3));

        var message = MemoryMailboxSetup.Message(user.Address, "After three minutes");
        user.Account.Deliver(message, harness.Clock.GetUtcNow());
        Assert.True(await setup.IsStoredWithoutTimePassingAsync(message, PushLimit), "the message was not pushed");
    }

    [Fact]
    public async Task Quiet_cycles_come_at_their_backoff_times()
    {
        var (_, user) = await EnabledUserAsync();
        // From the first cycle seen on: each next one comes after the backoff of the empty cycles counted so far
        // (defaults: 60 s doubling to 300 s while active, then 600 s doubling towards 6 hours).
        Task<(int Cycles, int Empty, DateTimeOffset? Next)> CyclesAsync() => harness.StoreAsync(db => db.Mailboxes.Where(m => m.Id == user.MailboxId)
            .Select(m => new ValueTuple<int, int, DateTimeOffset?>(m.ProcessedTimes, m.NoEmailCount, m.PostponeMailboxProcessingUntil)).SingleAsync());
        await harness.AdvanceUntilAsync(async () => (await CyclesAsync()).Cycles > 1, TimeSpan.FromMinutes(5), "the second cycle");
        for (var i = 0; i < 4; i++)
        {
            var (cycles, empty, next) = await CyclesAsync();
            var fetches = user.Account.Fetches;
            var previous = user.Account.FetchTimes[^1];
            var backoff = SyncBackoff.AfterCycle(new SyncSettings(), empty);
            // The cycle plans its next one the backoff after it ends (fake time moves on while it runs, a step or two).
            Assert.InRange(next!.Value - previous, backoff - TimeSpan.FromSeconds(1), backoff + 3 * EngineHarness.Step);
            await harness.AdvanceUntilAsync(async () => (await CyclesAsync()).Cycles > cycles, TimeSpan.FromHours(2), $"the cycle after {empty} empty ones");
            Assert.Equal(fetches + 1, user.Account.Fetches);
            // The store keeps the planned time to a tenth of a millisecond, the fake clock to a tick.
            Assert.InRange(user.Account.FetchTimes[^1], next.Value - TimeSpan.FromSeconds(1), next.Value + EngineHarness.Step + TimeSpan.FromMilliseconds(1));
        }
    }

    [Fact]
    public async Task Mail_after_forty_quiet_minutes_is_pushed_at_once()
    {
        var (setup, user) = await EnabledUserAsync();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(40));
        await harness.LetIdleGrainsBeCollectedAsync();

        Assert.Equal(1, user.Account.IdleWaitsOpen);
        var message = MemoryMailboxSetup.Message(user.Address, "After forty minutes");
        user.Account.Deliver(message, harness.Clock.GetUtcNow());
        Assert.True(await setup.IsStoredWithoutTimePassingAsync(message, PushLimit), "the message waited for the next poll");
    }

    [Fact]
    public async Task An_idle_wait_the_server_ends_is_re_armed_at_once()
    {
        var (setup, user) = await EnabledUserAsync();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(30));
        var waits = user.Account.IdleWaitsStarted;

        user.Account.DropIdle();
        await Eventually.TrueAsync(() => Task.FromResult(user.Account.IdleWaitsStarted > waits && user.Account.IdleWaitsOpen == 1), "the IDLE wait to be re-armed");
        var message = MemoryMailboxSetup.Message(user.Address, "After a dropped IDLE");
        user.Account.Deliver(message, harness.Clock.GetUtcNow());
        Assert.True(await setup.IsStoredWithoutTimePassingAsync(message, PushLimit), "the message waited for the next poll");
    }

    [Fact]
    public async Task A_server_that_keeps_failing_the_wait_is_retried_with_a_bounded_backoff()
    {
        var (setup, user) = await EnabledUserAsync();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(30));
        var waits = user.Account.IdleWaitsStarted;

        user.Account.IdleFailure = new(Connectors.Abstractions.MailErrorClass.Transient, Connectors.Abstractions.MailErrorKind.Connection, "connection refused");
        user.Account.DropIdle();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(10));
        var failedTries = user.Account.IdleWaitsStarted - waits;
        // At once, then 1, 2, 4, … s up to the cap (each new cycle starts over): a handful in ten minutes, not a hot loop.
        Assert.InRange(failedTries, 3, 30);

        user.Account.IdleFailure = null;
        await harness.AdvanceAsync(PushWait.MaxRearmDelay + EngineHarness.Step);
        Assert.Equal(1, user.Account.IdleWaitsOpen);
        var message = MemoryMailboxSetup.Message(user.Address, "After the server recovered");
        user.Account.Deliver(message, harness.Clock.GetUtcNow());
        Assert.True(await setup.IsStoredWithoutTimePassingAsync(message, PushLimit), "the message waited for the next poll");
    }
}
