using System.Globalization;
using System.Text.RegularExpressions;
using Bourse.Engine.Calendars;

namespace Bourse.Server.Alpaca.Trading;

/// <summary>
/// The points of <c>GET /v2/account/portfolio/history</c>: which timestamps a query asks for and the instant each one's
/// equity is taken at, following Alpaca's rules. Intraday timeframes (1Min, 5Min, 15Min, 1H): one point per bucket, stamped
/// with its start, valued at its end (or now); intraday_reporting market_hours (default: 09:30–16:00 New York on trading
/// days), extended_hours (04:00–20:00) or continuous (24/7). 1D: one point per trading day, stamped New York midnight,
/// valued at the session close, and today's current value while the day is not closed (on a non-trading day only with
/// continuous). Points before the first stored bar of the feed or after now are left out.
/// </summary>
public static partial class AlpacaPortfolioHistory
{
    private static readonly Dictionary<string, TimeSpan> Timeframes = new(StringComparer.Ordinal)
    {
        ["1Min"] = TimeSpan.FromMinutes(1), ["5Min"] = TimeSpan.FromMinutes(5), ["15Min"] = TimeSpan.FromMinutes(15), ["1H"] = TimeSpan.FromHours(1), ["1D"] = TimeSpan.FromDays(1),
    };

    /// <summary>One point: its timestamp, the instant its equity is taken at, and the instant of its base with pnl_reset=per_day (its New York day's start).</summary>
    public readonly record struct Point(DateTime Timestamp, DateTime ValuedAt, DateTime DayStart);

    /// <summary>A parsed query: the window, the timeframe, how points are reported and how P&amp;L resets.</summary>
    /// <param name="Start">Window start, UTC (the base value's instant).</param>
    /// <param name="End">Window end, UTC (not after now).</param>
    /// <param name="Timeframe">1Min, 5Min, 15Min, 1H or 1D.</param>
    /// <param name="Reporting">market_hours, extended_hours or continuous.</param>
    /// <param name="ResetPerDay">pnl_reset=per_day (the default) on an intraday timeframe: each point's P&amp;L is from its day's start.</param>
    public sealed record Query(DateTime Start, DateTime End, string Timeframe, string Reporting, bool ResetPerDay)
    {
        /// <summary>The points of the window, oldest first, none before <paramref name="firstData"/> (the first stored bar) or after <paramref name="now"/>.</summary>
        public List<Point> Points(DateTime firstData, DateTime now)
        {
            var points = new List<Point>();
            var from = Start < firstData ? firstData : Start;
            var end = End < now ? End : now;
            if (Timeframe == "1D")
            {
                for (var day = NewYorkDate(from); day <= NewYorkDate(end); day = day.AddDays(1))
                {
                    var midnight = Midnight(day);
                    var close = UsEquityCalendar.IsTradingDay(day) ? UsEquityCalendar.RegularSession(day).Close : (DateTime?)null;
                    if (close is { } c && c <= end)
                    {
                        points.Add(new Point(midnight, c, midnight));
                    }
                    else if (day == NewYorkDate(end) && (close is not null || Reporting == "continuous"))
                    {
                        points.Add(new Point(midnight, end, midnight));
                    }
                }

                return points;
            }

            var step = Timeframes[Timeframe];
            for (var bucket = new DateTime(from.Ticks - (from.Ticks % step.Ticks), DateTimeKind.Utc); bucket < end; bucket += step)
            {
                if (Reported(bucket))
                {
                    var bucketEnd = bucket + step;
                    points.Add(new Point(bucket, bucketEnd < end ? bucketEnd : end, Midnight(NewYorkDate(bucket))));
                }
            }

            return points;
        }

        private bool Reported(DateTime bucket)
        {
            if (Reporting == "continuous")
            {
                return true;
            }

            var day = NewYorkDate(bucket);
            if (!UsEquityCalendar.IsTradingDay(day))
            {
                return false;
            }

            var (open, close) = Reporting == "extended_hours"
                ? (NewYorkTime(day, 4), NewYorkTime(day, 20))
                : UsEquityCalendar.RegularSession(day);
            return bucket >= open && bucket < close;
        }
    }

    /// <summary>
    /// Parses the query string (period, timeframe, start/date_start, end, date_end, intraday_reporting, pnl_reset; extended_hours
    /// and cashflow_types are accepted and ignored), or names the parameter at fault. Alpaca's rules: at most two of start, end
    /// and period; period defaults to 1M; timeframe defaults to 1Min below 7 days, 15Min below 30 days, else 1D; an intraday
    /// timeframe covers at most 30 days.
    /// </summary>
    public static (Query? Query, string? Error) Parse(IQueryCollection query, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Text(string name) => query[name].FirstOrDefault() is { Length: > 0 } text ? text : null;
        var periodText = Text("period");
        var (period, periodError) = periodText is null ? (null, null) : ParsePeriod(periodText);
        if (periodError is not null)
        {
            return (null, periodError);
        }

        if (!TryTime(Text("start") ?? Text("date_start"), out var start) || !TryTime(Text("end"), out var end) || !TryDate(Text("date_end"), out var dateEnd))
        {
            return (null, "start, date_start, end: must be RFC 3339 times or dates (yyyy-MM-dd); date_end: a date");
        }

        if (start is not null && (end is not null || dateEnd is not null) && period is not null)
        {
            return (null, "period: only two of start, end (or date_end) and period can be given");
        }

        DateTime startTime, endTime;
        try
        {
            end ??= dateEnd is { } d ? Midnight(d.AddDays(1)) : null;
            (startTime, endTime) = (start, end, period) switch
            {
                (null, _, _) => ((period ?? (e => e.AddMonths(-1)))(end ?? now), end ?? now),
                ({ } s, { } e, _) => (s, e),
                ({ } s, null, { } back) => (s, s + (s - back(s))),
                ({ } s, null, null) => (s, now),
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return (null, "period: the window reaches beyond the representable dates (years 1 to 9999)");
        }
        if (endTime > now)
        {
            endTime = now;
        }

        var days = (endTime - startTime).TotalDays;
        var timeframe = Text("timeframe") ?? (days < 7 ? "1Min" : days < 30 ? "15Min" : "1D");
        if (!Timeframes.ContainsKey(timeframe))
        {
            return (null, $"timeframe: must be 1Min, 5Min, 15Min, 1H or 1D (was '{timeframe}')");
        }

        if (timeframe != "1D" && days > 31)
        {
            return (null, "timeframe: an intraday timeframe covers at most 30 days; use 1D for a longer period");
        }

        var reporting = Text("intraday_reporting") ?? "market_hours";
        if (reporting is not ("market_hours" or "extended_hours" or "continuous"))
        {
            return (null, $"intraday_reporting: must be market_hours, extended_hours or continuous (was '{reporting}')");
        }

        var reset = Text("pnl_reset") ?? "per_day";
        if (reset is not ("per_day" or "no_reset"))
        {
            return (null, $"pnl_reset: must be per_day or no_reset (was '{reset}')");
        }

        return startTime > endTime
            ? (null, "start: must be before end")
            : (new Query(startTime, endTime, timeframe, reporting, reset == "per_day" && timeframe != "1D"), null);
    }

    /// <summary>New York midnight of <paramref name="day"/>, UTC.</summary>
    public static DateTime Midnight(DateOnly day) => NewYorkTime(day, 0);

    /// <summary><paramref name="hour"/>:00 New York time on <paramref name="day"/>, UTC.</summary>
    private static DateTime NewYorkTime(DateOnly day, int hour) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Unspecified), UsEquityCalendar.NewYork);

    /// <summary>The New York date of <paramref name="utc"/>.</summary>
    public static DateOnly NewYorkDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), UsEquityCalendar.NewYork));

    [GeneratedRegex("^([1-9][0-9]{0,3})([DWMA])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();

    private static (Func<DateTime, DateTime>? Back, string? Error) ParsePeriod(string text)
    {
        var match = PeriodPattern().Match(text);
        if (!match.Success)
        {
            return (null, $"period: must be a number and a unit D, W, M or A, e.g. 1M (was '{text}')");
        }

        var n = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return (char.ToUpperInvariant(match.Groups[2].Value[0]) switch
        {
            'D' => e => e.AddDays(-n),
            'W' => e => e.AddDays(-7 * n),
            'M' => e => e.AddMonths(-n),
            _ => e => e.AddYears(-n),
        }, null);
    }

    private static bool TryTime(string? text, out DateTime? time)
    {
        time = null;
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            time = Midnight(day);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed.UtcDateTime;
            return true;
        }

        return false;
    }

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            date = day;
            return true;
        }

        return false;
    }
}
