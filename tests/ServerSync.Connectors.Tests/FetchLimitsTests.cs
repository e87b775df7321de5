using ServerSync.Connectors.Abstractions;

namespace ServerSync.Connectors.Tests;

public sealed class FetchLimitsTests
{
    [Fact]
    public void A_session_starts_with_an_eighth_of_a_batch_then_takes_full_batches_up_to_the_maximum()
    {
        var batches = new FetchLimits(BatchSize: 200, MaxMessages: 1000).Batches(Enumerable.Range(1, 5000));

        Assert.Equal([25, 200, 200, 200, 200, 175], batches.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(1, 1000), batches.SelectMany(b => b));
    }

    [Theory]
    [InlineData(0, new int[0])]
    [InlineData(1, new[] { 1 })]
    [InlineData(2, new[] { 1, 1 })]
    [InlineData(4, new[] { 1, 3 })]
    public void Small_batch_sizes_and_short_sessions_still_make_progress(int messages, int[] sizes)
    {
        var batches = new FetchLimits(BatchSize: 3, MaxMessages: 10).Batches(Enumerable.Range(1, messages));

        Assert.Equal(sizes, batches.Select(b => b.Length));
    }
}
