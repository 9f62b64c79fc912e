using Bourse.Engine.Statistics;

namespace Bourse.Engine.Tests.Statistics;

public class ClosedTradeTrackerTests
{
    [Fact]
    public void Opening_commissions_are_charged_pro_rata_to_the_fills_that_close()
    {
        var t = new ClosedTradeTracker();
        t.Record(Kit.Spy, 10m, commission: 4m, realizedPnl: 0m); // buy 10
        t.Record(Kit.Spy, -4m, commission: 2m, realizedPnl: 40m); // sell 4: 40 − 4 × 0.4 − 2 = 36.4
        t.Record(Kit.Spy, -6m, commission: 3m, realizedPnl: -12m); // sell 6: −12 − 2.4 − 3 = −17.4
        Assert.Equal((2, 1, 1, 36.4m, -17.4m), (t.Trades.Count, t.Trades.Wins, t.Trades.Losses, t.Trades.GrossProfit, t.Trades.GrossLoss));
    }

    [Fact]
    public void A_flip_closes_the_old_side_and_opens_the_new_with_the_rest_of_its_commission()
    {
        var t = new ClosedTradeTracker();
        t.Record(Kit.Btc, 2m, commission: 1m, realizedPnl: 0m); // long 2
        t.Record(Kit.Btc, -5m, commission: 5m, realizedPnl: 10m); // close 2 (10 − 1 − 2 = 7), open 3 short with 3 of commission
        t.Record(Kit.Btc, 3m, commission: 0m, realizedPnl: 0m); // cover the short at its price: −3
        t.Record(Kit.Spy, 1m, commission: 1m, realizedPnl: 0m); // another instrument is its own position
        Assert.Equal((2, 7m, -3m), (t.Trades.Count, t.Trades.GrossProfit, t.Trades.GrossLoss));
    }
}
