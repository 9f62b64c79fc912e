using System.Globalization;
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

    [Theory]
    [InlineData("59", "167.290", "0", "0")] // opening from flat: the fill price without its trailing zeros
    [InlineData("59", "167.29", "41", "167.300")] // adding: the quantity-weighted mean
    [InlineData("3", "100", "7", "100.0000")]
    [InlineData("1", "0.00012300", "2", "0.00045600")]
    [InlineData("7", "12345678901.1234567890", "3", "98765.4321")] // a mantissa beyond 64 bits takes the division
    public void The_average_price_is_the_exact_mean_with_no_trailing_zeros(string firstQuantity, string firstPrice, string secondQuantity, string secondPrice)
    {
        var (q1, p1, q2, p2) = (Dec(firstQuantity), Dec(firstPrice), Dec(secondQuantity), Dec(secondPrice));
        const decimal dropTrailingZeros = 1.0000000000000000000000000000m; // the definition: divide by one at the largest scale
        var a = Account();

        a.ApplyFill(Kit.Spy, Side.Buy, q1, p1, 0m);
        var first = a.Position(Kit.Spy).AveragePrice;
        Assert.Equal(decimal.GetBits(((0m * 0m) + (q1 * p1)) / (0m + q1) / dropTrailingZeros), decimal.GetBits(first));
        if (q2 > 0m)
        {
            a.ApplyFill(Kit.Spy, Side.Buy, q2, p2, 0m);
            var mean = ((q1 * first) + (q2 * p2)) / (q1 + q2) / dropTrailingZeros;
            Assert.Equal(decimal.GetBits(mean), decimal.GetBits(a.Position(Kit.Spy).AveragePrice));
        }

        static decimal Dec(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
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
