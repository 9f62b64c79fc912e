using Bourse.Engine.Statistics;

namespace Bourse.Engine.Tests.Statistics;

public class ClosedTradesTests
{
    [Fact]
    public void Trade_figures_from_wins_losses_and_a_flat_trade()
    {
        var t = new ClosedTrades().Add(50m).Add(-20m).Add(0m).Add(30m).Add(-10m);
        Assert.Equal((5, 2, 2, 80m, -30m), (t.Count, t.Wins, t.Losses, t.GrossProfit, t.GrossLoss));
        Assert.Equal(0.4, t.WinRate);
        Assert.Equal(80d / 30d, t.ProfitFactor!.Value, 12);
        Assert.Equal(10m, t.Expectancy); // 50 / 5 = 0.4 × 40 + 0.4 × (−15)
        Assert.Equal((40m, -15m), (t.AverageWin, t.AverageLoss));
    }

    [Fact]
    public void Undefined_figures_without_trades_or_losses()
    {
        var none = new ClosedTrades();
        Assert.Equal((0d, 0m, 0m, 0m), (none.WinRate, none.Expectancy, none.AverageWin, none.AverageLoss));
        Assert.Null(none.ProfitFactor);
        Assert.Null(none.Add(5m).ProfitFactor);
    }
}
