using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Values;

namespace Bourse.Sdk.MarketData;

/// <summary>
/// One OHLCV bar. Prices are in the instrument's quote currency, volume in base units.
/// </summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Period">The span the bar covers (1 minute, 1 day...).</param>
/// <param name="OpenTime">Start of the bar, UTC (<see cref="DateTimeKind.Utc"/>).</param>
/// <param name="Open">First trade price in the period.</param>
/// <param name="High">Highest trade price.</param>
/// <param name="Low">Lowest trade price.</param>
/// <param name="Close">Last trade price.</param>
/// <param name="Volume">Traded quantity in base units.</param>
public sealed record Bar(InstrumentId Instrument, BarPeriod Period, DateTime OpenTime, Price Open, Price High, Price Low, Price Close, Quantity Volume)
{
    /// <summary>End of the bar, UTC: <see cref="OpenTime"/> + period. A bar is known (and delivered) at this time.</summary>
    public DateTime CloseTime => OpenTime + Period.Span;

    /// <summary>Checks the OHLC invariants (low ≤ open, close ≤ high).</summary>
    /// <exception cref="ArgumentException">High is below the open, close or low, or low above the open or close.</exception>
    public Bar Validated()
    {
        if (High < Low || High < Open || High < Close || Low > Open || Low > Close)
        {
            throw new ArgumentException($"Bar {Instrument} at {OpenTime:O} breaks low <= open, close <= high (O={Open} H={High} L={Low} C={Close}).");
        }

        return this;
    }

    /// <summary>Returns the same bar moved in time by <paramref name="offset"/> (used by replay feeds).</summary>
    public Bar ShiftedBy(TimeSpan offset) => this with { OpenTime = OpenTime + offset };
}
