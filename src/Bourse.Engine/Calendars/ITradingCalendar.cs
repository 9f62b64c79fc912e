using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Calendars;

/// <summary>
/// The trading calendar of a market, the one source of every calendar decision of a run: when its trading day ends
/// (DAY orders expire, the daily loss limit and drawdown reset) and how many bar periods it trades in a year (the
/// annualisation factor of CAGR, volatility, Sharpe, Sortino and Calmar). A run has exactly one calendar,
/// <see cref="TradingCalendars.Of"/>; DAY orders use their own instrument's (<see cref="TradingCalendars.For"/>).
/// </summary>
public interface ITradingCalendar
{
    /// <summary>
    /// The close (UTC) of the session a DAY order placed at <paramref name="utc"/> belongs to: today's session while it
    /// has not closed yet (before the open included), otherwise the next trading day's.
    /// </summary>
    DateTime SessionClose(DateTime utc);

    /// <summary>
    /// Periods of <paramref name="barPeriod"/> in one trading year of this market (e.g. 98 280 one-minute bars on the
    /// US equity calendar, 525 600 on the crypto one). Returns over a weekend or overnight gap count as one period,
    /// as in every bar-based annualisation.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The bar period is not positive.</exception>
    double PeriodsPerYear(TimeSpan barPeriod);
}

/// <summary>Looks up the trading calendar of an instrument and of a run.</summary>
public static class TradingCalendars
{
    /// <summary>US equities: NYSE regular hours and holidays.</summary>
    public static ITradingCalendar UsEquities { get; } = new UsEquityCalendar();

    /// <summary>Crypto: trades 24/7; the trading day ends at 00:00 UTC.</summary>
    public static ITradingCalendar Crypto { get; } = new UtcDayCalendar();

    /// <summary>The calendar of <paramref name="instrument"/>: <see cref="UsEquities"/> for equities (every equity venue is taken to be a US one), else <see cref="Crypto"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="instrument"/> is null.</exception>
    public static ITradingCalendar For(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.AssetClass == AssetClass.Equity ? UsEquities : Crypto;
    }

    /// <summary>
    /// The calendar of a run trading <paramref name="instruments"/>, used both for its trading day (daily loss limit,
    /// drawdown) and for annualising its statistics: <see cref="UsEquities"/> when every instrument is an equity,
    /// otherwise (a mixed run, an all-crypto run, or no instrument) <see cref="Crypto"/>. The rule for a mixed run: one
    /// 24/7 instrument makes the run trade and mark its equity around the clock, so its equity curve gets a point at
    /// every bar close of the day, weekends included (365 days a year of 24 hours, as the crypto calendar counts), and
    /// its trading day cannot end at an exchange close while it still trades (it ends at 00:00 UTC).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="instruments"/> is null.</exception>
    public static ITradingCalendar Of(IReadOnlyList<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        if (instruments.Count == 0)
        {
            return Crypto;
        }

        foreach (var instrument in instruments)
        {
            if (instrument.AssetClass != AssetClass.Equity)
            {
                return Crypto;
            }
        }

        return UsEquities;
    }
}

/// <summary>
/// A market open around the clock whose trading day ends at 00:00 UTC (crypto venues): <see cref="DaysPerYear"/>
/// days of 24 hours a year, so periods per year = 365 days / bar period (1 minute → 525 600, 1 hour → 8 760, 1 day → 365).
/// </summary>
public sealed class UtcDayCalendar : ITradingCalendar
{
    /// <summary>Trading days per year of a 24/7 market.</summary>
    public const int DaysPerYear = 365;

    /// <inheritdoc />
    public DateTime SessionClose(DateTime utc) => DateTime.SpecifyKind(utc.Date.AddDays(1), DateTimeKind.Utc);

    /// <inheritdoc />
    public double PeriodsPerYear(TimeSpan barPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(barPeriod, TimeSpan.Zero);
        return TimeSpan.FromDays(DaysPerYear) / barPeriod;
    }
}
