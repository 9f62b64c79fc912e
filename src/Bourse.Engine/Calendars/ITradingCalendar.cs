using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Calendars;

/// <summary>The trading sessions of a market: when a DAY order expires.</summary>
public interface ITradingCalendar
{
    /// <summary>
    /// The close (UTC) of the session a DAY order placed at <paramref name="utc"/> belongs to: today's session while it
    /// has not closed yet (before the open included), otherwise the next trading day's.
    /// </summary>
    DateTime SessionClose(DateTime utc);
}

/// <summary>Looks up the trading calendar of an instrument by its asset class.</summary>
public static class TradingCalendars
{
    /// <summary>US equities: NYSE regular hours and holidays.</summary>
    public static ITradingCalendar UsEquities { get; } = new UsEquityCalendar();

    /// <summary>Crypto: trades 24/7; the trading day ends at 00:00 UTC.</summary>
    public static ITradingCalendar Crypto { get; } = new UtcDayCalendar();

    /// <summary>The calendar of <paramref name="instrument"/>: <see cref="UsEquities"/> for equities (every equity venue is taken to be a US one), else <see cref="Crypto"/>.</summary>
    public static ITradingCalendar For(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.AssetClass == AssetClass.Equity ? UsEquities : Crypto;
    }
}

/// <summary>A market open around the clock whose trading day ends at 00:00 UTC (crypto venues).</summary>
public sealed class UtcDayCalendar : ITradingCalendar
{
    /// <inheritdoc />
    public DateTime SessionClose(DateTime utc) => DateTime.SpecifyKind(utc.Date.AddDays(1), DateTimeKind.Utc);
}
