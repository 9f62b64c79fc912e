using System.Diagnostics;
using Bourse.Sdk.Sandbox;

namespace Bourse.Sdk.Tests.Sandbox;

/// <summary>The coarse clock the callback budgets time with: it advances, and never times work longer than it ran.</summary>
public class CoarseClockTests
{
    [Fact]
    public void Elapsed_time_grows_with_the_refreshes_and_is_never_longer_than_the_work_took()
    {
        var watch = Stopwatch.StartNew();
        var start = CoarseClock.Sequence;
        Assert.True(CoarseClock.ElapsedSince(start) <= watch.ElapsedMilliseconds + 1);

        var previous = 0L;
        while ((CoarseClock.Sequence < start + 6 || previous == 0) && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.SpinWait(1_000);
            var elapsed = CoarseClock.ElapsedSince(start);
            Assert.True(elapsed <= watch.ElapsedMilliseconds + 1, $"timed {elapsed} ms after {watch.ElapsedMilliseconds} ms");
            Assert.True(elapsed >= previous, "the elapsed time went back");
            previous = elapsed;
        }

        Assert.True(CoarseClock.Sequence >= start + 6, "the clock was not refreshed for 10 s");
        Assert.True(previous > 0, "no time had passed by the clock after 10 s");
    }

    [Fact]
    public void A_start_older_than_the_refreshes_remembered_is_timed_from_the_oldest_one()
    {
        var elapsed = CoarseClock.ElapsedSince(-1_000_000);

        Assert.InRange(elapsed, 0, 64 * 10 * 100); // at most the 64 remembered refreshes, however late the timer ran
    }
}
