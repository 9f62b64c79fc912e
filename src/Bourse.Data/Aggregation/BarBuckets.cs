using Bourse.Sdk.MarketData;

namespace Bourse.Data.Aggregation;

/// <summary>
/// Where time bars start. In UTC (the default), a bar of period P starts at a multiple of P since the Unix epoch
/// (1m bars at every whole minute, 1h at every whole hour, 1d at 00:00 UTC). With a session time zone, periods up to
/// a day are aligned on the local clock from local midnight (an equity's 1h bars start at 09:00, 10:00… New York time,
/// so the first regular-session hour bar covers 09:30–10:00 as in LEAN; 1d bars start at local midnight) and longer
/// periods on whole local days since 1970-01-01; the local start is converted back to UTC (an ambiguous local time
/// is taken as standard time). Periods up to a day should divide a day for boundaries to repeat daily. With
/// <see cref="MondayWeeks"/>, periods of whole weeks count from Monday 1969-12-29 instead, so weekly bars start on Mondays.
/// </summary>
/// <param name="Zone">The session time zone, or null for UTC.</param>
public sealed record BarBuckets(TimeZoneInfo? Zone = null)
{
    /// <summary>UTC alignment.</summary>
    public static BarBuckets Utc { get; } = new();

    private static readonly DateTime FirstMonday = new(1969, 12, 29, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Periods of whole weeks start on Mondays (charting's and Alpaca's weeks) rather than on Thursdays (weeks since 1970-01-01).</summary>
    public bool MondayWeeks { get; init; }

    /// <summary>The UTC start of the bar of <paramref name="period"/> that contains <paramref name="utc"/>.</summary>
    public DateTime Start(DateTime utc, BarPeriod period)
    {
        var span = period.Span.Ticks;
        var origin = MondayWeeks && span % TimeSpan.TicksPerDay == 0 && span / TimeSpan.TicksPerDay % 7 == 0 ? FirstMonday : DateTime.UnixEpoch;
        if (Zone is null || Zone == TimeZoneInfo.Utc)
        {
            var since = utc.Ticks - origin.Ticks;
            return new DateTime(utc.Ticks - Mod(since, span), DateTimeKind.Utc);
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, Zone);
        DateTime localStart;
        if (span <= TimeSpan.TicksPerDay)
        {
            var ofDay = local.TimeOfDay.Ticks;
            localStart = local.Date.AddTicks(ofDay - (ofDay % span));
        }
        else
        {
            var since = local.Date.Ticks - origin.Ticks;
            localStart = local.Date.AddTicks(-Mod(since, span));
        }

        localStart = DateTime.SpecifyKind(localStart, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(localStart))
        {
            localStart = localStart.AddHours(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(localStart, Zone);
    }

    /// <summary>The start of the bar after the one starting at <paramref name="start"/>.</summary>
    public DateTime Next(DateTime start, BarPeriod period)
    {
        var candidate = start + period.Span;
        var next = Start(candidate, period);
        while (next <= start)
        {
            candidate = candidate.AddHours(1);
            next = Start(candidate, period);
        }

        return next;
    }

    private static long Mod(long value, long divisor) => ((value % divisor) + divisor) % divisor;
}
