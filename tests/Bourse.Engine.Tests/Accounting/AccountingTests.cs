using Bourse.Engine.Accounting;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests.Accounting;

public class AccountingTests
{
    private static PaperAccount Account() => new("USD", 10_000m, [Instrument.Equity(Kit.Spy), Instrument.Equity(Kit.Qqq)]);

    [Fact]
    public void Long_adds_move_the_average_and_partial_reduce_realizes()
    {
        var a = Account();
        a.Mark(Kit.Spy, 100m);
        a.ApplyFill(Kit.Spy, Side.Buy, 10m, 100m, 1m);
        a.ApplyFill(Kit.Spy, Side.Buy, 10m, 110m, 1m);
        var p = a.Position(Kit.Spy);
        Assert.Equal((20m, 105m), (p.NetQuantity, p.AveragePrice));

        var outcome = a.ApplyFill(Kit.Spy, Side.Sell, 5m, 120m, 1m);
        Assert.Equal(new FillOutcome(75m, true), outcome); // (120 − 105) × 5
        p = a.Position(Kit.Spy);
        Assert.Equal((15m, 105m, 75m, 3m), (p.NetQuantity, p.AveragePrice, p.RealizedPnl, p.Commissions));

        a.Mark(Kit.Spy, 100m);
        Assert.Equal(-75m, a.Position(Kit.Spy).UnrealizedPnl); // (100 − 105) × 15
        Assert.Equal(10_000m - 1_000m - 1_100m + 600m - 3m, a.CashAmount);
        Assert.Equal(a.CashAmount + 1_500m, a.EquityAmount);
        Assert.Equal(10_000m + 75m - 75m - 3m, a.EquityAmount); // start + realized + unrealized − commissions
    }

    [Fact]
    public void Short_profits_when_the_price_falls()
    {
        var a = Account();
        a.ApplyFill(Kit.Spy, Side.Sell, 10m, 100m, 0m);
        Assert.Equal(11_000m, a.CashAmount);
        a.Mark(Kit.Spy, 90m);
        var p = a.Position(Kit.Spy);
        Assert.Equal((-10m, 100m, 100m), (p.NetQuantity, p.AveragePrice, p.UnrealizedPnl));
        Assert.Equal(10_100m, a.EquityAmount);
        Assert.Equal(new FillOutcome(100m, true), a.ApplyFill(Kit.Spy, Side.Buy, 10m, 90m, 0m));
        Assert.True(a.Position(Kit.Spy).IsFlat);
        Assert.Equal(0m, a.Position(Kit.Spy).AveragePrice);
        Assert.Equal(10_100m, a.CashAmount);
    }

    [Fact]
    public void Flip_through_zero_closes_the_old_side_and_opens_the_rest_at_the_fill_price()
    {
        var a = Account();
        a.ApplyFill(Kit.Spy, Side.Buy, 10m, 100m, 0m);
        var outcome = a.ApplyFill(Kit.Spy, Side.Sell, 15m, 110m, 0m);
        Assert.Equal(100m, outcome.RealizedPnl); // 10 × (110 − 100)
        var p = a.Position(Kit.Spy);
        Assert.Equal((-5m, 110m, 100m), (p.NetQuantity, p.AveragePrice, p.RealizedPnl));
        Assert.Equal(1, a.OpenPositionCount);
    }

    [Fact]
    public void Open_position_count_and_views_follow_fills()
    {
        var a = Account();
        a.ApplyFill(Kit.Spy, Side.Buy, 1m, 100m, 0m);
        a.ApplyFill(Kit.Qqq, Side.Sell, 1m, 50m, 0m);
        Assert.Equal(2, a.OpenPositionCount);
        Assert.Equal(2, a.OpenPositions.Count);
        a.ApplyFill(Kit.Spy, Side.Sell, 1m, 100m, 0m);
        Assert.Equal(1, a.OpenPositionCount);
        Assert.Equal(Kit.Qqq, Assert.Single(a.OpenPositions).Instrument);
        Assert.True(a.Position(InstrumentId.Parse("AAPL.NASDAQ")).IsFlat);
    }
}
