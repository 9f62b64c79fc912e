using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Statistics;

/// <summary>
/// The trading calendar that turns a bar period into periods per year, the annualisation factor of every
/// annualised figure (CAGR, volatility, Sharpe, Sortino, Calmar).
/// </summary>
/// <remarks>
/// Convention: an equity market trades <see cref="EquityTradingDays"/> days a year, each a regular session of
/// <see cref="EquitySessionLength"/> (US equities, 09:30-16:00 New York); crypto trades around the clock,
/// <see cref="CryptoTradingDays"/> days a year. Periods per year:
/// <list type="bullet">
/// <item>equities, intraday bars: 252 × 6.5 h / bar period (1 minute → 98 280, 1 hour → 1 638);</item>
/// <item>equities, bars of a day or more: 252 / days per bar (1 day → 252, 7 days → 36);</item>
/// <item>crypto: 365 days / bar period (1 minute → 525 600, 1 hour → 8 760, 1 day → 365).</item>
/// </list>
/// Returns over a weekend or overnight gap count as one period, as in every bar-based annualisation.
/// </remarks>
public enum TradingCalendar
{
    /// <summary>252 trading days of 6.5 hours.</summary>
    Equity,

    /// <summary>365 days of 24 hours.</summary>
    Crypto,
}

/// <summary>Periods per year for a bar period and a <see cref="TradingCalendar"/>.</summary>
public static class Annualization
{
    /// <summary>Trading days per year of an equity market.</summary>
    public const int EquityTradingDays = 252;

    /// <summary>Days per year of a 24/7 crypto market.</summary>
    public const int CryptoTradingDays = 365;

    /// <summary>The regular session of an equity market (6.5 hours).</summary>
    public static readonly TimeSpan EquitySessionLength = TimeSpan.FromHours(6.5);

    /// <summary>The calendar of a run: <see cref="TradingCalendar.Equity"/> when an instrument is an equity, else <see cref="TradingCalendar.Crypto"/> (spot and perpetuals).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="instruments"/> is null.</exception>
    public static TradingCalendar CalendarOf(IEnumerable<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        var any = false;
        foreach (var instrument in instruments)
        {
            any = true;
            if (instrument.AssetClass == AssetClass.Equity)
            {
                return TradingCalendar.Equity;
            }
        }

        return any ? TradingCalendar.Crypto : TradingCalendar.Equity;
    }

    /// <summary>Periods of <paramref name="barPeriod"/> in one year of <paramref name="calendar"/> (see <see cref="TradingCalendar"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The bar period is not positive.</exception>
    public static double PeriodsPerYear(TimeSpan barPeriod, TradingCalendar calendar)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(barPeriod, TimeSpan.Zero);
        return calendar switch
        {
            TradingCalendar.Crypto => TimeSpan.FromDays(CryptoTradingDays) / barPeriod,
            _ when barPeriod >= TimeSpan.FromDays(1) => EquityTradingDays / barPeriod.TotalDays,
            _ => EquityTradingDays * (EquitySessionLength / barPeriod),
        };
    }
}
