using Bourse.Sdk.Identifiers;

namespace Bourse.Strategies;

/// <summary>Rounding of computed prices to an instrument's tick, in the direction that keeps a quote passive.</summary>
internal static class PriceTicks
{
    /// <summary>The highest multiple of the tick at or below <paramref name="price"/> (for bids).</summary>
    public static decimal RoundDownToTick(this Instrument instrument, decimal price) =>
        instrument.TickSize <= 0m ? price : Math.Floor(price / instrument.TickSize) * instrument.TickSize;

    /// <summary>The lowest multiple of the tick at or above <paramref name="price"/> (for asks).</summary>
    public static decimal RoundUpToTick(this Instrument instrument, decimal price) =>
        instrument.TickSize <= 0m ? price : Math.Ceiling(price / instrument.TickSize) * instrument.TickSize;
}
