using Bourse.Engine.Statistics;
using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Tests.Statistics;

public class AnnualizationTests
{
    [Theory]
    [InlineData(60, TradingCalendar.Equity, 98_280)] // 252 × 390 minutes
    [InlineData(3_600, TradingCalendar.Equity, 1_638)] // 252 × 6.5
    [InlineData(86_400, TradingCalendar.Equity, 252)]
    [InlineData(604_800, TradingCalendar.Equity, 36)] // weekly
    [InlineData(60, TradingCalendar.Crypto, 525_600)] // 365 × 1440
    [InlineData(3_600, TradingCalendar.Crypto, 8_760)]
    [InlineData(86_400, TradingCalendar.Crypto, 365)]
    public void Periods_per_year_from_the_bar_period_and_the_calendar(int seconds, TradingCalendar calendar, double expected) =>
        Assert.Equal(expected, Annualization.PeriodsPerYear(TimeSpan.FromSeconds(seconds), calendar), 9);

    [Fact]
    public void A_run_is_on_the_crypto_calendar_only_when_every_instrument_is_crypto()
    {
        var btc = Instrument.Crypto(Kit.Btc);
        Assert.Equal(TradingCalendar.Crypto, Annualization.CalendarOf([btc]));
        Assert.Equal(TradingCalendar.Equity, Annualization.CalendarOf([btc, Instrument.Equity(Kit.Spy)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Annualization.PeriodsPerYear(TimeSpan.Zero, TradingCalendar.Equity));
    }
}
