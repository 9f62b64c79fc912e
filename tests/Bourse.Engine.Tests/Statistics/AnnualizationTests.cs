using Bourse.Engine.Calendars;
using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests.Statistics;

/// <summary>Periods per year come from the run's one trading calendar, the same one that ends its trading day.</summary>
public class AnnualizationTests
{
    [Theory]
    [InlineData(60, false, 98_280)] // 252 × 390 minutes
    [InlineData(3_600, false, 1_638)] // 252 × 6.5
    [InlineData(86_400, false, 252)]
    [InlineData(604_800, false, 36)] // weekly
    [InlineData(60, true, 525_600)] // 365 × 1440
    [InlineData(3_600, true, 8_760)]
    [InlineData(86_400, true, 365)]
    public void Periods_per_year_from_the_bar_period_and_the_calendar(int seconds, bool crypto, double expected)
    {
        var calendar = crypto ? TradingCalendars.Crypto : TradingCalendars.UsEquities;
        Assert.Equal(expected, calendar.PeriodsPerYear(TimeSpan.FromSeconds(seconds)), 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.PeriodsPerYear(TimeSpan.Zero));
    }

    [Fact]
    public void A_run_is_on_the_equity_calendar_only_when_every_instrument_is_an_equity()
    {
        Assert.Same(TradingCalendars.UsEquities, TradingCalendars.Of([Instrument.Equity(Kit.Spy), Instrument.Equity(Kit.Qqq)]));
        Assert.Same(TradingCalendars.Crypto, TradingCalendars.Of([Instrument.Crypto(Kit.Btc)]));
        Assert.Same(TradingCalendars.Crypto, TradingCalendars.Of([Instrument.Equity(Kit.Spy), Instrument.Crypto(Kit.Btc)]));
        Assert.Same(TradingCalendars.Crypto, TradingCalendars.Of([]));
    }

    [Theory]
    [InlineData(true, 525_600d)]
    [InlineData(false, 98_280d)]
    public void The_daily_loss_limit_and_the_statistics_use_the_same_calendar(bool withCrypto, double periodsPerYear)
    {
        Instrument[] instruments = withCrypto ? [Instrument.Equity(Kit.Spy), Instrument.Crypto(Kit.Btc)] : [Instrument.Equity(Kit.Spy)];
        var settings = new RunSettings(Kit.Run, instruments, new RiskSettings(DailyLossLimit: 100m), FeeBps: 0m);
        var day = new DateTime(2024, 1, 2, 20, 0, 0, DateTimeKind.Utc); // 15:00 New York
        var h = new Harness(settings).Feed(Kit.Flat(0, 100m, start: day));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 10m));
        h.Feed(Kit.Flat(1, 100m, start: day), Kit.Flat(2, 90m, start: day)); // −100: the limit
        Assert.Equal(TradingState.Reducing, h.Run.TradingState);

        // 21:30 UTC is after the New York close (21:00 UTC in January) but before 00:00 UTC.
        h.Feed(Kit.Flat(90, 90m, start: day));
        Assert.Equal(withCrypto ? TradingState.Reducing : TradingState.Active, h.Run.TradingState);
        h.Feed(Kit.Flat(241, 90m, start: day)); // 00:01 UTC: a new day on both calendars
        Assert.Equal(TradingState.Active, h.Run.TradingState);

        Assert.Same(withCrypto ? TradingCalendars.Crypto : TradingCalendars.UsEquities, settings.Calendar);
        Assert.Equal(periodsPerYear, h.Run.Statistics().Performance.PeriodsPerYear);
    }
}
