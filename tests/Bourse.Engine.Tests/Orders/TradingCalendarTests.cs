using Bourse.Engine.Calendars;
using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Tests;

public class TradingCalendarTests
{
    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(2024, 1, 1)]
    [InlineData(2024, 1, 15)]
    [InlineData(2024, 2, 19)]
    [InlineData(2024, 3, 29)]
    [InlineData(2024, 5, 27)]
    [InlineData(2024, 6, 19)]
    [InlineData(2024, 7, 4)]
    [InlineData(2024, 9, 2)]
    [InlineData(2024, 11, 28)]
    [InlineData(2024, 12, 25)]
    [InlineData(2021, 12, 24)] // Christmas on a Saturday: observed Friday
    [InlineData(2017, 1, 2)] // New Year's Day on a Sunday: observed Monday
    [InlineData(2013, 3, 29)] // Good Friday
    [InlineData(2018, 12, 5)] // national day of mourning
    public void Nyse_holidays_are_not_trading_days(int year, int month, int day) =>
        Assert.False(UsEquityCalendar.IsTradingDay(new DateOnly(year, month, day)));

    [Theory]
    [InlineData(2021, 12, 31)] // New Year's Day 2022 on a Saturday is not observed on Friday
    [InlineData(2021, 6, 18)] // Juneteenth only from 2022
    [InlineData(2013, 10, 7)]
    public void Other_weekdays_trade(int year, int month, int day) =>
        Assert.True(UsEquityCalendar.IsTradingDay(new DateOnly(year, month, day)));

    [Fact]
    public void Us_session_closes_at_1600_new_york_in_winter_and_summer_time()
    {
        var calendar = TradingCalendars.UsEquities;
        Assert.Equal(Utc(2024, 1, 2, 21), calendar.SessionClose(Utc(2024, 1, 2, 14, 31)));
        Assert.Equal(Utc(2024, 7, 2, 20), calendar.SessionClose(Utc(2024, 7, 2, 12))); // before the open: today's session
    }

    [Fact]
    public void After_the_close_and_over_a_holiday_weekend_the_next_session_counts()
    {
        var calendar = TradingCalendars.UsEquities;
        Assert.Equal(Utc(2024, 4, 1, 20), calendar.SessionClose(Utc(2024, 3, 28, 21))); // Thursday 17:00 → Good Friday → Monday
        Assert.Equal(Utc(2024, 1, 3, 21), calendar.SessionClose(Utc(2024, 1, 2, 21))); // exactly at the close
    }

    [Fact]
    public void The_remembered_last_close_answers_exactly_as_a_fresh_calendar_in_any_order_of_times()
    {
        // Every 7 minutes over 2024's holiday-dense spring, DST switch and July 4th, then the same times shuffled and in reverse.
        var times = Enumerable.Range(0, 40_000).Select(i => Utc(2024, 3, 1, 0).AddMinutes(7 * i)).ToArray();
        var shuffled = times.OrderBy(_ => Random.Shared.Next()).ToArray();
        var remembering = new UsEquityCalendar();
        foreach (var time in times.Concat(shuffled).Concat(times.Reverse()).Concat([Utc(2024, 1, 2, 21), Utc(2024, 1, 2, 21).AddTicks(-1)]))
        {
            Assert.Equal(new UsEquityCalendar().SessionClose(time), remembering.SessionClose(time));
        }
    }

    [Fact]
    public void Crypto_trading_day_ends_at_midnight_utc_and_is_looked_up_by_asset_class()
    {
        var calendar = TradingCalendars.For(Instrument.Crypto(Kit.Btc));
        Assert.Equal(Utc(2024, 1, 7, 0), calendar.SessionClose(Utc(2024, 1, 6, 23, 59))); // a Saturday
        Assert.Equal(Utc(2024, 1, 8, 0), calendar.SessionClose(Utc(2024, 1, 7, 0)));
        Assert.Same(TradingCalendars.UsEquities, TradingCalendars.For(Instrument.Equity(Kit.Spy)));
    }
}
