using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests.Risk;

public class CircuitBreakerTests
{
    private static readonly CircuitBreakerLimit FivePercentInThreeMinutes = new(0.05m, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(10));

    [Fact]
    public void Trips_on_a_fast_move_and_resets_after_the_cool_down()
    {
        var h = new Harness(Kit.Settings(new RiskSettings { CircuitBreaker = FivePercentInThreeMinutes }));
        h.Feed(Kit.Flat(0, 100m), Kit.Flat(0, 50m, Kit.Qqq), Kit.Flat(1, 102m), Kit.Flat(2, 104m));
        Assert.Empty(h.Sink.Of<CircuitBreakerTripped>());
        h.Feed(Kit.Flat(3, 105.1m)); // 14:34: the window (14:31..14:34) holds 100 → +5.1 %

        var trip = Assert.Single(h.Sink.Of<CircuitBreakerTripped>());
        Assert.Equal((Kit.Spy, 100m, 105.1m, 0.051m, Kit.T0.AddMinutes(14)), (trip.Instrument, trip.ReferencePrice, trip.Price, trip.MovePct, trip.ResumesAt));
        Assert.StartsWith("circuit breaker on SPY.NASDAQ: price moved 5.1 % (100 → 105.1) within 00:03:00, more than the limit 5 %", trip.Reason, StringComparison.Ordinal);
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 1m));
        Assert.Equal("circuit breaker on SPY.NASDAQ tripped: trading halted until 2024-01-02 14:44:00 UTC", h.LastRejection().Reason);
        h.Submit(OrderRequest.Market(Kit.Qqq, Side.Buy, 1m)); // other instruments trade
        Assert.Single(h.Run.OpenOrders);

        h.Feed(Kit.Flat(12, 80m)); // 14:43: still halted, prices are not watched
        Assert.Empty(h.Sink.Of<CircuitBreakerReset>());
        h.Feed(Kit.Flat(13, 81m)); // 14:44: the cool-down ended
        var reset = Assert.Single(h.Sink.Of<CircuitBreakerReset>());
        Assert.Equal((Kit.Spy, Kit.T0.AddMinutes(14)), (reset.Instrument, reset.Timestamp));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 1m));
        Assert.Equal(2, h.Run.OpenOrders.Count);
        Assert.Single(h.Sink.Of<CircuitBreakerTripped>()); // the window restarted empty: 81 vs 105 does not trip again

        var risk = h.Run.Statistics().Risk!;
        Assert.Equal((1, 1, 1), (risk.CircuitBreakerTrips, risk.CircuitBreakerResets, risk.Denials["circuit_breaker"]));
    }

    [Fact]
    public void A_fall_from_the_windows_high_trips_and_old_prices_leave_the_window()
    {
        var h = new Harness(Kit.Settings(new RiskSettings { CircuitBreaker = FivePercentInThreeMinutes }));
        h.Feed(Kit.Flat(0, 100m), Kit.Flat(1, 97m), Kit.Flat(2, 96m), Kit.Flat(3, 96m), Kit.Flat(4, 95.5m)); // 100 left the window: −1.5 % from 97
        Assert.Empty(h.Sink.Of<CircuitBreakerTripped>());
        h.Feed(Kit.Flat(5, 91m)); // −6.2 % from 97
        var trip = Assert.Single(h.Sink.Of<CircuitBreakerTripped>());
        Assert.Equal(96m, trip.ReferencePrice); // 97 (14:32) left the window at 14:36: the high is 96
    }

    [Fact]
    public void Trade_ticks_feed_the_breaker_too()
    {
        var h = new Harness(Kit.Settings(new RiskSettings { CircuitBreaker = FivePercentInThreeMinutes }));
        h.Clock.SetUtcNow(Kit.T0.AddSeconds(1));
        h.Run.OnTrade(new Bourse.Sdk.MarketData.TradeTick(Kit.Btc, 40_000m, 1m, null, Kit.T0.AddSeconds(1)));
        h.Clock.SetUtcNow(Kit.T0.AddSeconds(2));
        h.Run.OnTrade(new Bourse.Sdk.MarketData.TradeTick(Kit.Btc, 37_000m, 1m, null, Kit.T0.AddSeconds(2)));
        Assert.Equal(Kit.Btc, Assert.Single(h.Sink.Of<CircuitBreakerTripped>()).Instrument);
    }
}

public class PriceWindowTests
{
    [Fact]
    public void Keeps_the_low_and_high_of_the_window_through_buffer_growth()
    {
        var window = new PriceWindow(TimeSpan.FromSeconds(100));
        var t0 = Kit.T0;
        for (var i = 0; i < 1_000; i++)
        {
            window.Add(t0.AddSeconds(i), 1_000m + (i % 37) - (i % 11));
            var from = Math.Max(0, i - 100);
            var expected = Enumerable.Range(from, i - from + 1).Select(k => 1_000m + (k % 37) - (k % 11)).ToList();
            Assert.Equal((expected.Min(), expected.Max()), (window.Low, window.High));
        }
    }
}
