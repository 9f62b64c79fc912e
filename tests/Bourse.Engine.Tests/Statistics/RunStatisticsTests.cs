using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests.Statistics;

/// <summary>The statistics a run computes from its own fills and equity curve.</summary>
public class RunStatisticsTests
{
    [Fact]
    public void Run_statistics_count_trades_wins_exposure_and_turnover()
    {
        var h = new Harness(Kit.Settings() with { Instruments = [Instrument.Equity(Kit.Spy)] }).Feed(Kit.Flat(0, 100m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 10m));
        h.Feed(Kit.Flat(1, 100m)); // bought 10 at 100
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 5m));
        h.Feed(Kit.Flat(2, 110m)); // sold 5 at 110: +50, equity 100 100
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 5m));
        h.Feed(Kit.Flat(3, 90m)); // sold 5 at 90: −50, flat, equity 100 000
        var s = h.Run.Statistics();
        var p = s.Performance;
        Assert.Equal((3, 3, 3, 2), (s.TotalOrders, s.FilledOrders, s.TotalTrades, s.ClosedTrades));
        Assert.Equal((0m, 0m, 0m, 0m), (s.RealizedPnl, s.UnrealizedPnl, s.NetPnl, p.TotalReturn));
        Assert.Equal(4, h.Run.EquityCurve.Count);
        Assert.Equal(100m / 100_100m, p.MaxDrawdown); // peak 100 100 after the 110 close, back to 100 000
        Assert.Equal(TimeSpan.FromMinutes(1), p.MaxDrawdownDuration);
        Assert.Equal((0.5, 1d, 0m, 50m, -50m), (p.WinRate, p.ProfitFactor, p.Expectancy, p.AverageWin, p.AverageLoss));
        Assert.Equal(0.5, p.Exposure); // in the market at the 2nd and 3rd of 4 bar closes
        Assert.Equal(2_000m, p.TradedNotional); // 1000 + 550 + 450
        Assert.Equal(2_000d / 100_020d, p.Turnover, 12); // mean of 100 000 (start), 100 000, 100 000, 100 100, 100 000
        Assert.Equal(98_280d, p.PeriodsPerYear); // 1-minute bars on the equity calendar
    }

    [Fact]
    public void Opening_and_closing_commissions_make_a_break_even_trade_a_loss()
    {
        var h = new Harness(Kit.Settings(feeBps: 10m)).Feed(Kit.Flat(0, 100m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 10m));
        h.Feed(Kit.Flat(1, 100m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 10m));
        h.Feed(Kit.Flat(2, 100m));
        var p = h.Run.Statistics().Performance;
        Assert.Equal((0d, -2m), (p.WinRate, p.AverageLoss)); // 10 bps of 1000 on the opening and on the closing fill
        Assert.Equal(-2m / 100_000m, p.TotalReturn); // both commissions
    }
}
