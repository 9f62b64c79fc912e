namespace Bourse.Engine.Risk;

/// <summary>Where one trading day ends and the next begins; loss limits and breach states reset at the boundary.</summary>
public interface ITradingDayBoundary
{
    /// <summary>The start of the trading day after the one <paramref name="utc"/> falls in, UTC (strictly after <paramref name="utc"/>).</summary>
    DateTime NextDayStart(DateTime utc);
}

/// <summary>Trading days are UTC calendar dates (crypto trades 24/7; the default until a venue calendar is given).</summary>
public sealed class UtcTradingDays : ITradingDayBoundary
{
    /// <summary>The one instance.</summary>
    public static UtcTradingDays Instance { get; } = new();

    /// <inheritdoc />
    public DateTime NextDayStart(DateTime utc) => utc.Date.AddDays(1);
}
