using Bourse.Sdk.MarketData;

namespace Bourse.Sdk.Indicators;

/// <summary>One OHLCV bar as an indicator sample, in <see cref="double"/>.</summary>
/// <param name="Time">Start of the bar, UTC (used by session-anchored indicators such as VWAP).</param>
/// <param name="Open">First price, quote currency.</param>
/// <param name="High">Highest price.</param>
/// <param name="Low">Lowest price.</param>
/// <param name="Close">Last price.</param>
/// <param name="Volume">Traded quantity in base units; not negative.</param>
public readonly record struct BarInput(DateTime Time, double Open, double High, double Low, double Close, double Volume)
{
    /// <summary>The typical price (high + low + close) / 3.</summary>
    public double TypicalPrice => (High + Low + Close) / 3;

    /// <summary>Converts an engine bar (exact decimals) to an indicator sample.</summary>
    public static BarInput From(Bar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        return new BarInput(bar.OpenTime, (double)bar.Open.Value, (double)bar.High.Value, (double)bar.Low.Value, (double)bar.Close.Value, (double)bar.Volume.Value);
    }

    /// <summary>The reason the bar is unusable, or null when every price is finite, low ≤ open, close ≤ high and the volume is finite and not negative.</summary>
    public string? Problem() => this switch
    {
        _ when !double.IsFinite(Open) || !double.IsFinite(High) || !double.IsFinite(Low) || !double.IsFinite(Close) =>
            $"every price must be finite (O={Open} H={High} L={Low} C={Close})",
        _ when !double.IsFinite(Volume) || Volume < 0 => $"the volume must be finite and not negative (was {Volume})",
        _ when Low > High || Open < Low || Open > High || Close < Low || Close > High =>
            $"the bar breaks low <= open, close <= high (O={Open} H={High} L={Low} C={Close})",
        _ => null,
    };
}
