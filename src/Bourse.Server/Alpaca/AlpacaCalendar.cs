using System.Globalization;
using Bourse.Engine.Calendars;

namespace Bourse.Server.Alpaca;

/// <summary>Alpaca's clock and calendar from the engine's US equity calendar (<see cref="UsEquityCalendar"/>: NYSE regular hours and holidays).</summary>
public static class AlpacaCalendar
{
    private static readonly DateOnly TPlusOneFrom = new(2024, 5, 28);

    /// <summary>The clock at <paramref name="utc"/>: open inside a regular session, with the next open and close.</summary>
    public static AlpacaClockDto Clock(DateTime utc)
    {
        utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, UsEquityCalendar.NewYork));
        var (open, close) = UsEquityCalendar.RegularSession(day);
        var isOpen = UsEquityCalendar.IsTradingDay(day) && utc >= open && utc < close;
        var nextOpen = UsEquityCalendar.IsTradingDay(day) && utc < open ? open : UsEquityCalendar.RegularSession(NextTradingDay(day)).Open;
        var nextClose = TradingCalendars.UsEquities.SessionClose(utc);
        return new AlpacaClockDto(InNewYork(utc), isOpen, InNewYork(nextOpen), InNewYork(nextClose));
    }

    /// <summary>The trading days from <paramref name="start"/> to <paramref name="end"/> (inclusive), oldest first.</summary>
    public static IEnumerable<AlpacaCalendarDayDto> Days(DateOnly start, DateOnly end)
    {
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            if (UsEquityCalendar.IsTradingDay(day))
            {
                var settlement = NextTradingDay(day);
                if (day < TPlusOneFrom)
                {
                    settlement = NextTradingDay(settlement);
                }

                yield return new AlpacaCalendarDayDto(Format(day), "09:30", "16:00", "0400", "2000", Format(settlement));
            }
        }
    }

    private static DateOnly NextTradingDay(DateOnly day)
    {
        do
        {
            day = day.AddDays(1);
        }
        while (!UsEquityCalendar.IsTradingDay(day));
        return day;
    }

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset InNewYork(DateTime utc) => TimeZoneInfo.ConvertTime(new DateTimeOffset(utc, TimeSpan.Zero), UsEquityCalendar.NewYork);
}
