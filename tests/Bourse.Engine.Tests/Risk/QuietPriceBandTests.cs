using Bourse.Engine.Accounting;
using Bourse.Engine.Calendars;
using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests.Risk;

/// <summary>
/// The quiet price band skips the valuation of marks that would change nothing: it may only hold a price whose exact
/// equity is inside the loss limits' quiet band, and it must hold the prices well inside it (else it saves nothing).
/// </summary>
public class QuietPriceBandTests
{
    private static readonly DateTime Monday = new(2013, 10, 7, 14, 0, 0, DateTimeKind.Utc);
    private static readonly RiskSettings Limits = new(DailyLossLimit: 1_000m) { MaxDrawdownPct = 0.05m };

    [Theory]
    [InlineData(Side.Buy)]
    [InlineData(Side.Sell)]
    public void Holds_only_prices_whose_exact_equity_the_limits_would_ignore_and_values_them_to_the_digit(Side side)
    {
        var (account, limits) = Open(side); // 100 SPY at 100 and a flat QQQ marked at 50.125: equity 99,999, loss floor 98,999
        var band = new QuietPriceBand();
        band.Rebuild(account, limits, Kit.Spy);
        limits.QuietBand(out var floor, out var ceiling);

        var held = 0;
        for (var price = 85m; price <= 115m; price += 0.005m)
        {
            foreach (var p in new[] { price, price + 0.00000001m, price - 0.00000001m, price + 0.000000001m })
            {
                account.Mark(Kit.Spy, p);
                var equity = account.EquityAmount;
                if (band.Holds(account, limits, Kit.Spy, p))
                {
                    held++;
                    Assert.True(equity > floor && equity <= ceiling, $"held {p} with equity {equity} outside ({floor}, {ceiling}]");
                    Assert.Equal(equity.ToString(System.Globalization.CultureInfo.InvariantCulture), band.Line.At(p).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        // Long: equity 89,999 + 100 p is quiet for p in (90, 100]; short: 109,999 − 100 p for p in [100, 110).
        var inside = side == Side.Buy ? new[] { 90.01m, 95m, 99.99m } : [100.01m, 105m, 109.99m];
        var outside = side == Side.Buy ? new[] { 90m, 100.01m, 89m } : [99.99m, 110m, 111m];
        Assert.All(inside, p => Assert.True(Holds(band, account, limits, p), $"{p} should be held"));
        Assert.All(outside, p => Assert.False(Holds(band, account, limits, p), $"{p} should not be held"));
        // Of the 8,000 prices inside, all but those finer than 10⁻⁸ (2,000) and the few within a unit of a bound.
        Assert.True(held >= 5_990, $"held {held} prices");
    }

    [Fact]
    public void A_fill_a_mark_of_another_instrument_or_new_limits_end_the_band_until_it_is_rebuilt()
    {
        var (account, limits) = Open(Side.Buy);
        var band = new QuietPriceBand();
        band.Rebuild(account, limits, Kit.Spy);
        Assert.True(Holds(band, account, limits, 95m));
        Assert.False(band.Holds(account, limits, Kit.Qqq, 95m)); // another instrument's mark

        account.Mark(Kit.Qqq, 51m); // moves the other position's value (flat: its zero's scale)
        Assert.False(Holds(band, account, limits, 95m));
        band.Rebuild(account, limits, Kit.Spy);
        Assert.True(Holds(band, account, limits, 95m));

        account.ApplyFill(Kit.Spy, Side.Buy, 10m, 95m, 0m);
        Assert.False(Holds(band, account, limits, 95m));
        band.Rebuild(account, limits, Kit.Spy);
        Assert.True(Holds(band, account, limits, 95m));

        Assert.Null(limits.Observe(200_000m, "USD")); // a new peak moves the drawdown floor
        Assert.False(Holds(band, account, limits, 95m));
    }

    [Fact]
    public void A_flat_account_holds_every_price_while_its_cash_is_inside_the_band()
    {
        var account = new PaperAccount("USD", 100_000m, [Stock(Kit.Spy)]);
        var limits = new LossLimits(Limits, TradingCalendars.UsEquities);
        limits.StartDay(Monday, 100_000m);
        var band = new QuietPriceBand();
        band.Rebuild(account, limits, Kit.Spy);

        Assert.True(Holds(band, account, limits, 1m));
        Assert.True(Holds(band, account, limits, 1_000_000m));
        Assert.False(Holds(band, account, limits, 20_000_000_000m)); // above the band's price cap: valued exactly

        limits.StartDay(Monday.AddDays(1), 100_001m); // the reference moved above the cash: a new peak would not be quiet
        band.Rebuild(account, limits, Kit.Spy);
        Assert.True(Holds(band, account, limits, 95m));
        limits.StartDay(Monday.AddDays(2), 100_000m);
        Assert.Null(limits.Observe(100_000m, "USD"));
    }

    [Fact]
    public void An_account_in_several_currencies_has_no_band()
    {
        var account = new PaperAccount("USD", 100_000m, [Stock(Kit.Spy), new Instrument(InstrumentId.Parse("SAP.XETRA"), AssetClass.Equity, "EUR", 0.01m, 1m)], rates: new Dictionary<string, decimal> { ["EUR"] = 1.1m });
        var limits = new LossLimits(Limits, TradingCalendars.UsEquities);
        limits.StartDay(Monday, 100_000m);
        var band = new QuietPriceBand();
        band.Rebuild(account, limits, Kit.Spy);

        Assert.False(Holds(band, account, limits, 95m)); // a mark may move a conversion rate: every mark is valued
    }

    private static bool Holds(QuietPriceBand band, PaperAccount account, LossLimits limits, decimal price)
    {
        account.Mark(Kit.Spy, price);
        return band.Holds(account, limits, Kit.Spy, price);
    }

    private static (PaperAccount Account, LossLimits Limits) Open(Side side)
    {
        var account = new PaperAccount("USD", 100_000m, [Stock(Kit.Spy), Stock(Kit.Qqq)]);
        account.Mark(Kit.Qqq, 50.125m);
        account.Mark(Kit.Spy, 100m);
        account.ApplyFill(Kit.Spy, side, 100m, 100m, 1m);
        var limits = new LossLimits(Limits, TradingCalendars.UsEquities);
        limits.StartDay(Monday, account.EquityAmount);
        Assert.Equal(99_999m, account.EquityAmount);
        return (account, limits);
    }

    private static Instrument Stock(InstrumentId id) => new(id, AssetClass.Equity, "USD", 0.01m, 1m);
}
