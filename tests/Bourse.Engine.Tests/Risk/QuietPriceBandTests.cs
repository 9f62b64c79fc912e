using System.Globalization;
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
    public void Skipping_the_marks_it_holds_leaves_the_limits_as_observing_every_mark_would(Side side)
    {
        var tight = new RiskSettings(DailyLossLimit: 1_500m) { MaxDrawdownPct = 0.01m };
        var (account, limits) = Open(side, tight); // the run's way: held marks skipped, the others settled and observed
        var eager = new LossLimits(tight, TradingCalendars.UsEquities); // every mark observed
        eager.StartDay(Monday, account.EquityAmount);
        var band = new QuietPriceBand();
        band.Rebuild(account, limits, Kit.Spy, account.Position(Kit.Spy).LastPrice);

        var random = new Random(7);
        var price = 100m;
        var (held, day) = (0, 0);
        List<(int, LimitBreachAction)> expected = [], actual = [];
        for (var i = 1; i <= 40_000; i++)
        {
            var step = random.Next(3) == 0 ? 0m : (random.Next(-40, 41) / 100m) + (i % 7 == 0 ? 0.005m : 0m); // a third repeat the price
            price = Math.Max(1m, price + step);
            account.Mark(Kit.Spy, price);
            var equity = account.EquityAmount;
            if (eager.Observe(equity, "USD") is { } e)
            {
                expected.Add((i, e.Action));
            }

            if (band.Holds(account, limits, Kit.Spy, price))
            {
                held++;
                Assert.Equal(equity.ToString(CultureInfo.InvariantCulture), band.Line.At(price).ToString(CultureInfo.InvariantCulture)); // the curve's value, to the digit
            }
            else
            {
                band.SettlePeak(limits);
                if (limits.Observe(equity, "USD") is { } b)
                {
                    actual.Add((i, b.Action));
                }

                band.Rebuild(account, limits, Kit.Spy, price);
            }

            if (i % 4_000 == 0) // a new trading day: the run starts it before the day's first mark, the pending peak is dropped
            {
                band.SettlePeak(limits);
                Assert.Equal(eager.PeakEquity, limits.PeakEquity);
                day++;
                eager.StartDay(Monday.AddDays(day), equity);
                limits.StartDay(Monday.AddDays(day), equity);
            }
        }

        Assert.Equal(expected, actual);
        Assert.Contains(expected, x => x.Item2 == tight.DailyLossAction);
        Assert.Contains(expected, x => x.Item2 == tight.DrawdownAction);
        Assert.True(held > 30_000, $"held {held} of 40,000 marks");
    }

    [Theory]
    [InlineData(Side.Buy, new[] { 90.01, 95, 99.99, 100, 100.01, 120 }, new[] { 90.0, 89 })]
    [InlineData(Side.Sell, new[] { 100.01, 105, 109.99, 100, 99.99, 80 }, new[] { 110.0, 111 })]
    public void Holds_the_prices_above_the_loss_floor_including_the_peak_and_new_peaks(Side side, double[] inside, double[] outside)
    {
        // Long: equity 89,999 + 100 p, loss floor 98,999 at p = 90, peak 99,999 at p = 100 (the mark the band is built at);
        // short: 109,999 − 100 p, mirrored.
        foreach (var p in inside)
        {
            var (account, limits) = Open(side, Limits);
            var band = new QuietPriceBand();
            band.Rebuild(account, limits, Kit.Spy, account.Position(Kit.Spy).LastPrice);
            Assert.True(Holds(band, account, limits, (decimal)p), $"{p} should be held");
        }

        foreach (var p in outside)
        {
            var (account, limits) = Open(side, Limits);
            var band = new QuietPriceBand();
            band.Rebuild(account, limits, Kit.Spy, account.Position(Kit.Spy).LastPrice);
            Assert.False(Holds(band, account, limits, (decimal)p), $"{p} should not be held");
        }
    }

    [Fact]
    public void A_fill_a_mark_of_another_instrument_or_new_limits_end_the_band_until_it_is_rebuilt()
    {
        var (account, limits) = Open(Side.Buy, Limits);
        var band = new QuietPriceBand();
        band.Rebuild(account, limits, Kit.Spy, account.Position(Kit.Spy).LastPrice);
        Assert.True(Holds(band, account, limits, 95m));
        Assert.False(band.Holds(account, limits, Kit.Qqq, 95m)); // another instrument's mark

        account.Mark(Kit.Qqq, 51m); // moves the other position's value (flat: its zero's scale)
        Assert.False(Holds(band, account, limits, 95m));
        band.Rebuild(account, limits, Kit.Spy, account.Position(Kit.Spy).LastPrice);
        Assert.True(Holds(band, account, limits, 95m));

        account.ApplyFill(Kit.Spy, Side.Buy, 10m, 95m, 0m);
        Assert.False(Holds(band, account, limits, 95m));
        band.Rebuild(account, limits, Kit.Spy, account.Position(Kit.Spy).LastPrice);
        Assert.True(Holds(band, account, limits, 95m));

        limits.StartDay(Monday.AddDays(1), 99_000m); // a new trading day moves the floors
        Assert.False(Holds(band, account, limits, 95m));
    }

    [Fact]
    public void A_flat_account_holds_every_price_while_its_cash_is_inside_the_band()
    {
        var account = new PaperAccount("USD", 100_000m, [Stock(Kit.Spy)]);
        var limits = new LossLimits(Limits, TradingCalendars.UsEquities);
        limits.StartDay(Monday, 100_000m);
        var band = new QuietPriceBand();
        band.Rebuild(account, limits, Kit.Spy, account.Position(Kit.Spy).LastPrice);

        Assert.True(Holds(band, account, limits, 1m));
        Assert.True(Holds(band, account, limits, 1_000_000m));
        Assert.False(Holds(band, account, limits, 20_000_000_000m)); // above the band's price cap: valued exactly

        // The cash against the day's reference R: a new peak above R (must be observed), inside (R − 1,000, R], at the loss floor.
        foreach (var (reference, quiet) in new[] { (99_000m, false), (100_950m, true), (101_000m, false) })
        {
            limits.StartDay(Monday.AddDays(1), reference);
            band.Rebuild(account, limits, Kit.Spy, account.Position(Kit.Spy).LastPrice);
            Assert.Equal(quiet, Holds(band, account, limits, 95m));
        }
    }

    [Fact]
    public void An_account_in_several_currencies_has_no_band()
    {
        var account = new PaperAccount("USD", 100_000m, [Stock(Kit.Spy), new Instrument(InstrumentId.Parse("SAP.XETRA"), AssetClass.Equity, "EUR", 0.01m, 1m)], rates: new Dictionary<string, decimal> { ["EUR"] = 1.1m });
        var limits = new LossLimits(Limits, TradingCalendars.UsEquities);
        limits.StartDay(Monday, 100_000m);
        var band = new QuietPriceBand();
        band.Rebuild(account, limits, Kit.Spy, account.Position(Kit.Spy).LastPrice);

        Assert.False(Holds(band, account, limits, 95m)); // a mark may move a conversion rate: every mark is valued
    }

    private static bool Holds(QuietPriceBand band, PaperAccount account, LossLimits limits, decimal price)
    {
        account.Mark(Kit.Spy, price);
        return band.Holds(account, limits, Kit.Spy, price);
    }

    private static (PaperAccount Account, LossLimits Limits) Open(Side side, RiskSettings risk)
    {
        var account = new PaperAccount("USD", 100_000m, [Stock(Kit.Spy), Stock(Kit.Qqq)]);
        account.Mark(Kit.Qqq, 50.125m);
        account.Mark(Kit.Spy, 100m);
        account.ApplyFill(Kit.Spy, side, 100m, 100m, 1m);
        var limits = new LossLimits(risk, TradingCalendars.UsEquities);
        limits.StartDay(Monday, account.EquityAmount);
        Assert.Equal(99_999m, account.EquityAmount);
        return (account, limits);
    }

    private static Instrument Stock(InstrumentId id) => new(id, AssetClass.Equity, "USD", 0.01m, 1m);
}
