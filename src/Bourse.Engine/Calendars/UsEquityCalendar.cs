namespace Bourse.Engine.Calendars;

/// <summary>
/// The US equity market's regular session: 09:30-16:00 America/New_York (daylight saving time included) on weekdays
/// that are not NYSE full-day holidays. Holidays follow the NYSE rules (Rule 7.2): New Year's Day, Martin Luther King
/// Jr. Day, Washington's Birthday, Good Friday, Memorial Day, Juneteenth (from 2022), Independence Day, Labor Day,
/// Thanksgiving and Christmas; a Saturday holiday is observed on the Friday before (except New Year's Day), a Sunday
/// holiday on the Monday after; plus the unscheduled closures since 2001 (9/11, national days of mourning, hurricane
/// Sandy). Early closes (13:00) are not modelled: those days close at 16:00 here.
/// </summary>
/// <remarks>
/// Annualisation: <see cref="TradingDaysPerYear"/> trading days a year, each a regular session of
/// <see cref="SessionLength"/>. Intraday bars: 252 × 6.5 h / bar period (1 minute → 98 280, 1 hour → 1 638); bars of a
/// day or more: 252 / days per bar (1 day → 252, 7 days → 36).
/// </remarks>
public sealed class UsEquityCalendar : ITradingCalendar
{
    /// <summary>The market's time zone, America/New_York.</summary>
    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeSpan Open = new(9, 30, 0);
    private static readonly TimeSpan Close = new(16, 0, 0);

    /// <summary>Trading days per year (the usual convention for US equities).</summary>
    public const int TradingDaysPerYear = 252;

    /// <summary>The regular session, 09:30-16:00 (6.5 hours).</summary>
    public static readonly TimeSpan SessionLength = TimeSpan.FromHours(6.5);

    private static readonly HashSet<DateOnly> Closures =
    [
        new(2001, 9, 11), new(2001, 9, 12), new(2001, 9, 13), new(2001, 9, 14),
        new(2004, 6, 11), new(2007, 1, 2), new(2012, 10, 29), new(2012, 10, 30),
        new(2018, 12, 5), new(2025, 1, 9),
    ];

    // The last answer, shared by every thread as one immutable reference. The close is the first session close after the
    // asked time, so every time from there up to the close has the same answer (a run asks once per day for each reader).
    private LastClose? _last;

    /// <inheritdoc />
    /// <remarks>The first regular-session close after <paramref name="utc"/>.</remarks>
    public DateTime SessionClose(DateTime utc)
    {
        if (_last is { } last && utc >= last.Asked && utc < last.Close)
        {
            return last.Close;
        }

        var close = FirstCloseAfter(utc);
        _last = new LastClose(utc, close);
        return close;
    }

    /// <summary>The regular session of <paramref name="day"/> (New York date), 09:30-16:00 local, as UTC times; whether it trades is <see cref="IsTradingDay"/>.</summary>
    public static (DateTime Open, DateTime Close) RegularSession(DateOnly day) => (Utc(day, Open), Utc(day, Close));

    /// <inheritdoc />
    public double PeriodsPerYear(TimeSpan barPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(barPeriod, TimeSpan.Zero);
        return barPeriod >= TimeSpan.FromDays(1)
            ? TradingDaysPerYear / barPeriod.TotalDays
            : TradingDaysPerYear * (SessionLength / barPeriod);
    }

    /// <summary>True on a weekday that is not an NYSE full-day holiday or closure.</summary>
    public static bool IsTradingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(day) && !Closures.Contains(day);

    /// <summary>True when <paramref name="day"/> is an NYSE holiday as observed.</summary>
    public static bool IsHoliday(DateOnly day)
    {
        var year = day.Year;
        return day == Observed(new DateOnly(year, 1, 1), saturdayMovesBack: false)
            || day == Nth(year, 1, DayOfWeek.Monday, 3)
            || day == Nth(year, 2, DayOfWeek.Monday, 3)
            || day == EasterSunday(year).AddDays(-2)
            || day == Last(year, 5, DayOfWeek.Monday)
            || (year >= 2022 && day == Observed(new DateOnly(year, 6, 19), saturdayMovesBack: true))
            || day == Observed(new DateOnly(year, 7, 4), saturdayMovesBack: true)
            || day == Nth(year, 9, DayOfWeek.Monday, 1)
            || day == Nth(year, 11, DayOfWeek.Thursday, 4)
            || day == Observed(new DateOnly(year, 12, 25), saturdayMovesBack: true);
    }

    private static DateTime FirstCloseAfter(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), NewYork);
        var day = DateOnly.FromDateTime(local);
        if (!IsTradingDay(day) || local.TimeOfDay >= Close)
        {
            day = day.AddDays(1);
            while (!IsTradingDay(day))
            {
                day = day.AddDays(1);
            }
        }

        return Utc(day, Close);
    }

    /// <summary>New York time <paramref name="timeOfDay"/> on <paramref name="day"/>, as UTC.</summary>
    private static DateTime Utc(DateOnly day, TimeSpan timeOfDay) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.FromTimeSpan(timeOfDay)), NewYork);

    private static DateOnly Observed(DateOnly holiday, bool saturdayMovesBack) => holiday.DayOfWeek switch
    {
        DayOfWeek.Sunday => holiday.AddDays(1),
        DayOfWeek.Saturday when saturdayMovesBack => holiday.AddDays(-1),
        _ => holiday,
    };

    private static DateOnly Nth(int year, int month, DayOfWeek weekday, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateOnly Last(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)weekday + 7) % 7));
    }

    /// <summary>Easter Sunday of the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm).</summary>
    private static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>A session close and the time it was asked for.</summary>
    private sealed record LastClose(DateTime Asked, DateTime Close);
}
