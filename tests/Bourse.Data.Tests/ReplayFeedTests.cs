using Bourse.Data.Feeds;
using Bourse.Data.Files;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Bourse.Data.Tests;

public sealed class ReplayFeedTests
{
    private static readonly Instrument Btc = Instrument.Crypto(InstrumentId.Parse("BTCUSD.COINBASE"));
    private static readonly Instrument Spy = Instrument.Equity(InstrumentId.Parse("SPY.NASDAQ"));
    private static readonly DateTimeOffset WallStart = new(2025, 3, 10, 14, 7, 42, 250, TimeSpan.Zero);
    private static readonly DateTime FlooredStart = new(2025, 3, 10, 14, 7, 0, DateTimeKind.Utc);

    private static Bar MakeBar(Instrument instrument, DateTime open, decimal close, TimeSpan? period = null) =>
        new(instrument.Id, new BarPeriod(period ?? TimeSpan.FromMinutes(1)), open, close, close + 1, close - 1, close, 1m);

    private static DateTime T(int day, int hour, int minute) => new(2018, 4, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>Reads the next bar, advancing the fake wall clock one second at a time; returns the bar and the wall seconds it took.</summary>
    private static async Task<(Bar Bar, int Seconds)> NextAsync(IAsyncEnumerator<Bar> e, FakeTimeProvider wall, int maxSeconds = 10_000)
    {
        var move = e.MoveNextAsync();
        var seconds = 0;
        while (!move.IsCompleted)
        {
            Assert.True(seconds < maxSeconds, "no bar was released");
            wall.Advance(TimeSpan.FromSeconds(1));
            seconds++;
            await Task.Yield();
            for (var spin = 0; spin < 100 && !move.IsCompleted; spin++)
            {
                await Task.Delay(1, CancellationToken.None);
            }
        }

        Assert.True(await move);
        return (e.Current, seconds);
    }

    [Fact]
    public void Speed_must_be_positive()
    {
        var bars = new[] { MakeBar(Btc, T(4, 0, 0), 100) };
        var wall = new FakeTimeProvider(WallStart);

        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayFeed([Btc], bars, new ReplayOptions(Speed: 0), wall));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayFeed([Btc], bars, new ReplayOptions(Speed: -1), wall));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayFeed([Btc], bars, new ReplayOptions(Speed: double.NaN), wall));
        Assert.Throws<ArgumentException>(() => new ReplayFeed([Spy], bars, new ReplayOptions(), wall));
        Assert.Throws<ArgumentException>(() => new ReplayFeed([Btc], [], new ReplayOptions(), wall));
    }

    [Fact]
    public void Clock_starts_at_now_floored_to_the_period_and_runs_at_speed()
    {
        var wall = new FakeTimeProvider(WallStart);
        var feed = new ReplayFeed([Btc], [MakeBar(Btc, T(4, 0, 0), 100)], new ReplayOptions(Speed: 60), wall);

        Assert.Equal(FlooredStart, feed.Start);
        Assert.Equal(new DateTimeOffset(FlooredStart), feed.Clock.GetUtcNow());
        wall.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new DateTimeOffset(FlooredStart.AddMinutes(1)), feed.Clock.GetUtcNow());
        wall.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(new DateTimeOffset(FlooredStart.AddSeconds(90)), feed.Clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(90), feed.Clock.GetElapsedTime(0, feed.Clock.GetTimestamp()) - TimeSpan.FromTicks(FlooredStart.Ticks));
    }

    [Fact]
    public async Task Bars_are_shifted_to_the_start_and_released_when_the_clock_reaches_their_close()
    {
        var wall = new FakeTimeProvider(WallStart);
        var bars = new[] { MakeBar(Btc, T(4, 0, 0), 100), MakeBar(Btc, T(4, 0, 1), 101), MakeBar(Btc, T(4, 0, 5), 105) };
        var feed = new ReplayFeed([Btc], bars, new ReplayOptions(Speed: 60, Loop: false), wall);
        using var subscribed = feed.Subscriptions.SubscribeAll(feed.Instruments.Select(i => i.Id));
        await using var e = feed.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(CancellationToken.None);

        var (first, s1) = await NextAsync(e, wall);
        Assert.Equal(FlooredStart, first.OpenTime);
        Assert.Equal(100m, first.Close.Value);
        Assert.Equal(1, s1);
        Assert.True(feed.Clock.GetUtcNow() >= first.CloseTime);

        var (second, s2) = await NextAsync(e, wall);
        Assert.Equal(FlooredStart.AddMinutes(1), second.OpenTime);
        Assert.Equal(1, s2);

        // The 3-minute gap stays a gap: the third bar closes 4 market minutes (4 wall seconds at 60x) later.
        var (third, s3) = await NextAsync(e, wall);
        Assert.Equal(FlooredStart.AddMinutes(5), third.OpenTime);
        Assert.Equal(4, s3);
        Assert.False(await e.MoveNextAsync());
    }

    [Fact]
    public async Task Instruments_start_together_and_are_merged_in_close_time_order()
    {
        var wall = new FakeTimeProvider(WallStart);
        var spy = MakeBar(Spy, new DateTime(2013, 10, 8, 13, 30, 0, DateTimeKind.Utc), 165);
        var btc = new[] { MakeBar(Btc, T(5, 0, 0), 7000), MakeBar(Btc, T(5, 0, 1), 7001) };
        var spy2 = spy.ShiftedBy(TimeSpan.FromMinutes(1)) with { Close = 166, High = 167 };
        var feed = new ReplayFeed([Btc, Spy], [btc[1], spy2, spy, btc[0]], new ReplayOptions(Speed: 120, Loop: false), wall);
        using var subscribed = feed.Subscriptions.SubscribeAll(feed.Instruments.Select(i => i.Id));

        var all = new List<Bar>();
        await using var e = feed.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(CancellationToken.None);
        for (var i = 0; i < 4; i++)
        {
            all.Add((await NextAsync(e, wall)).Bar);
        }

        Assert.Equal(["BTCUSD.COINBASE", "SPY.NASDAQ", "BTCUSD.COINBASE", "SPY.NASDAQ"], all.Select(b => b.Instrument.ToString()));
        Assert.Equal([FlooredStart, FlooredStart, FlooredStart.AddMinutes(1), FlooredStart.AddMinutes(1)], all.Select(b => b.OpenTime));
        Assert.Equal([7000m, 165m, 7001m, 166m], all.Select(b => b.Close.Value));
    }

    [Fact]
    public async Task Only_subscribed_instruments_are_published_and_a_late_subscriber_starts_at_the_current_position()
    {
        var wall = new FakeTimeProvider(WallStart);
        var btc = Enumerable.Range(0, 6).Select(i => MakeBar(Btc, T(4, 0, i), 100 + i)).ToArray();
        var spy = Enumerable.Range(0, 6).Select(i => MakeBar(Spy, new DateTime(2013, 10, 8, 13, 30 + i, 0, DateTimeKind.Utc), 160 + i)).ToArray();
        var feed = new ReplayFeed([Btc, Spy], [.. btc, .. spy], new ReplayOptions(Speed: 60, Loop: false), wall);
        var spySubscription = feed.Subscriptions.Subscribe(Spy.Id);
        await using var e = feed.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(CancellationToken.None);

        var seen = new List<Bar> { (await NextAsync(e, wall)).Bar, (await NextAsync(e, wall)).Bar };
        using (feed.Subscriptions.Subscribe(Btc.Id))
        {
            seen.Add((await NextAsync(e, wall)).Bar);
            seen.Add((await NextAsync(e, wall)).Bar);
            spySubscription.Dispose();
            seen.Add((await NextAsync(e, wall)).Bar);
        }

        // Nothing is subscribed any more: the rest of the replay (all due after this jump) publishes nothing.
        wall.Advance(TimeSpan.FromHours(1));
        while (await e.MoveNextAsync())
        {
            seen.Add(e.Current);
        }

        Assert.Equal(
            ["SPY.NASDAQ 160", "SPY.NASDAQ 161", "BTCUSD.COINBASE 102", "SPY.NASDAQ 162", "BTCUSD.COINBASE 103"],
            seen.Select(b => $"{b.Instrument} {b.Close.Value}"));
        Assert.Equal(FlooredStart.AddMinutes(2), seen[2].OpenTime);
    }

    [Fact]
    public async Task Looping_restarts_each_series_after_its_span_plus_one_period_so_time_never_goes_back()
    {
        var wall = new FakeTimeProvider(WallStart);
        var bars = new[] { MakeBar(Btc, T(4, 0, 0), 100), MakeBar(Btc, T(4, 0, 2), 102) };
        var feed = new ReplayFeed([Btc], bars, new ReplayOptions(Speed: 600, Loop: true), wall);
        using var subscribed = feed.Subscriptions.SubscribeAll(feed.Instruments.Select(i => i.Id));
        await using var e = feed.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(CancellationToken.None);

        var seen = new List<Bar>();
        for (var i = 0; i < 6; i++)
        {
            seen.Add((await NextAsync(e, wall)).Bar);
        }

        // span = 2 minutes, + 1 period = 3 minutes per cycle.
        Assert.Equal([0, 2, 3, 5, 6, 8], seen.Select(b => (int)(b.OpenTime - FlooredStart).TotalMinutes));
        Assert.Equal([100m, 102m, 100m, 102m, 100m, 102m], seen.Select(b => b.Close.Value));
        Assert.All(seen.Zip(seen.Skip(1)), p => Assert.True(p.Second.OpenTime >= p.First.CloseTime));
    }

    [Fact]
    public async Task Sample_data_replays_in_order_with_fake_time()
    {
        var instruments = BarFiles.Instruments(RepositoryPaths.SampleData);
        var bars = BarFiles.Read(RepositoryPaths.SampleData);
        var wall = new FakeTimeProvider(WallStart);
        var feed = new ReplayFeed(instruments, bars, new ReplayOptions(Speed: 3600), wall);
        using var subscribed = feed.Subscriptions.SubscribeAll(feed.Instruments.Select(i => i.Id));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken.None);

        // Jump the wall clock 5 hours ahead: 5 × 3600 market hours, more than both series' spans, so they loop.
        wall.Advance(TimeSpan.FromHours(5));
        var released = new List<Bar>();
        await foreach (var bar in feed.ReadAllAsync(cts.Token))
        {
            released.Add(bar);
            if (released.Count == 20_000)
            {
                break;
            }
        }

        Assert.All(released.Zip(released.Skip(1)), p => Assert.True(p.First.CloseTime <= p.Second.CloseTime));
        Assert.All(released, b => Assert.True(b.CloseTime <= feed.Clock.GetUtcNow()));
        var firstSpy = released.First(b => b.Instrument.Symbol == "SPY");
        var firstBtc = released.First(b => b.Instrument.Symbol == "BTCUSD");
        Assert.Equal(feed.Start, firstSpy.OpenTime);
        Assert.Equal(feed.Start, firstBtc.OpenTime);
        Assert.Equal(167.41m, firstSpy.Open.Value); // 2013-10-07 04:00 ET, the first SPY row: 14400000,1674100,...
        Assert.True(released.Count(b => b.Instrument.Symbol == "BTCUSD") > 3887, "BTC looped");
    }

    [Fact]
    public async Task Delays_on_the_market_clock_last_market_time()
    {
        var wall = new FakeTimeProvider(WallStart);
        var feed = new ReplayFeed([Btc], [MakeBar(Btc, T(4, 0, 0), 1)], new ReplayOptions(Speed: 60), wall);

        var delay = Task.Delay(TimeSpan.FromMinutes(1), feed.Clock, CancellationToken.None);
        wall.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(delay.IsCompleted);
        wall.Advance(TimeSpan.FromMilliseconds(1));
        await delay;
        Assert.Equal(new DateTimeOffset(FlooredStart.AddMinutes(1)), feed.Clock.GetUtcNow());
    }

    [Fact]
    public void Start_is_floored_to_the_largest_period()
    {
        var wall = new FakeTimeProvider(WallStart);
        var hourly = MakeBar(Spy, new DateTime(2013, 10, 8, 13, 0, 0, DateTimeKind.Utc), 165, TimeSpan.FromHours(1));
        var feed = new ReplayFeed([Btc, Spy], [MakeBar(Btc, T(4, 0, 0), 1), hourly], new ReplayOptions(), wall);

        Assert.Equal(new DateTime(2025, 3, 10, 14, 0, 0, DateTimeKind.Utc), feed.Start);
    }

    [Fact]
    public async Task A_resume_time_after_now_starts_the_clock_there_so_the_first_bar_closes_after_it()
    {
        var wall = new FakeTimeProvider(WallStart);
        var resumeAfter = new DateTime(2025, 3, 10, 18, 30, 30, DateTimeKind.Utc); // the last published bar closed here, ahead of now
        var bars = new[] { MakeBar(Btc, T(4, 0, 0), 100), MakeBar(Btc, T(4, 0, 1), 101) };
        var feed = new ReplayFeed([Btc], bars, new ReplayOptions(Speed: 60, Loop: false, ResumeAfter: resumeAfter), wall);
        using var subscribed = feed.Subscriptions.SubscribeAll(feed.Instruments.Select(i => i.Id));

        var start = new DateTime(2025, 3, 10, 18, 31, 0, DateTimeKind.Utc); // rounded up to the period
        Assert.Equal(start, feed.Start);
        Assert.Equal(new DateTimeOffset(start), feed.Clock.GetUtcNow());
        await using var e = feed.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(CancellationToken.None);
        var (first, seconds) = await NextAsync(e, wall);
        Assert.Equal(start, first.OpenTime);
        Assert.True(first.CloseTime > resumeAfter);
        Assert.Equal(1, seconds); // one period at 60x, not the four hours to catch up with the resume time
    }

    [Fact]
    public void A_resume_time_on_a_period_boundary_is_the_start_one_inside_a_period_rounds_up_and_one_before_now_changes_nothing()
    {
        var wall = new FakeTimeProvider(WallStart);
        var bars = new[] { MakeBar(Btc, T(4, 0, 0), 1) };
        var boundary = new DateTime(2025, 3, 10, 18, 31, 0, DateTimeKind.Utc);

        Assert.Equal(boundary, new ReplayFeed([Btc], bars, new ReplayOptions(ResumeAfter: boundary), wall).Start);
        Assert.Equal(FlooredStart, new ReplayFeed([Btc], bars, new ReplayOptions(ResumeAfter: FlooredStart.AddSeconds(-30)), wall).Start);
        Assert.Equal(FlooredStart.AddMinutes(1), new ReplayFeed([Btc], bars, new ReplayOptions(ResumeAfter: WallStart.UtcDateTime), wall).Start);
    }

    [Fact]
    public void A_resume_time_is_rounded_up_to_the_largest_period()
    {
        var wall = new FakeTimeProvider(WallStart);
        var hourly = MakeBar(Spy, new DateTime(2013, 10, 8, 13, 0, 0, DateTimeKind.Utc), 165, TimeSpan.FromHours(1));
        var resumeAfter = new DateTime(2025, 3, 10, 18, 30, 30, DateTimeKind.Utc);
        var feed = new ReplayFeed([Btc, Spy], [MakeBar(Btc, T(4, 0, 0), 1), hourly], new ReplayOptions(ResumeAfter: resumeAfter), wall);

        Assert.Equal(new DateTime(2025, 3, 10, 19, 0, 0, DateTimeKind.Utc), feed.Start);
    }

    [Fact]
    public async Task A_resume_time_too_late_for_the_data_to_fit_before_the_end_of_time_is_ignored()
    {
        var wall = new FakeTimeProvider(WallStart);
        var bars = new[] { MakeBar(Btc, T(4, 0, 0), 100), MakeBar(Btc, T(6, 23, 59), 101) };

        var feed = new ReplayFeed([Btc], bars, new ReplayOptions(Loop: false, ResumeAfter: DateTime.MaxValue.AddDays(-1)), wall);
        using var subscribed = feed.Subscriptions.SubscribeAll(feed.Instruments.Select(i => i.Id));

        Assert.Equal(FlooredStart, feed.Start);
        await using var e = feed.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(CancellationToken.None);
        Assert.Equal(FlooredStart, (await NextAsync(e, wall)).Bar.OpenTime);
        Assert.Equal(DateTime.MaxValue.AddDays(-3).Date, new ReplayFeed([Btc], bars, new ReplayOptions(ResumeAfter: DateTime.MaxValue.AddDays(-3).Date), wall).Start); // three days fit
    }

    [Fact]
    public void Compress_gaps_shortens_long_gaps_per_instrument()
    {
        var bars = new[] { MakeBar(Spy, T(4, 0, 0), 1), MakeBar(Spy, T(4, 0, 1), 1), MakeBar(Spy, T(4, 8, 0), 1), MakeBar(Btc, T(4, 8, 0), 1) };

        var compressed = BarSeries.CompressGaps(bars, TimeSpan.FromMinutes(5));

        Assert.Equal([T(4, 0, 0), T(4, 0, 1), T(4, 0, 7), T(4, 8, 0)], compressed.Select(b => b.OpenTime));
        Assert.Equal(Btc.Id, compressed[^1].Instrument);
    }

    [Fact]
    public async Task Cancellation_stops_a_looping_replay()
    {
        var wall = new FakeTimeProvider(WallStart);
        var feed = new ReplayFeed([Btc], [MakeBar(Btc, T(4, 0, 0), 1)], new ReplayOptions(), wall);
        using var subscribed = feed.Subscriptions.SubscribeAll(feed.Instruments.Select(i => i.Id));
        using var cts = new CancellationTokenSource();
        await using var e = feed.ReadAllAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var move = e.MoveNextAsync();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await move);
    }
}
