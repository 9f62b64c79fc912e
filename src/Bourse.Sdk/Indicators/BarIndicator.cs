using Bourse.Sdk.MarketData;

namespace Bourse.Sdk.Indicators;

/// <summary>An indicator of OHLCV bars (high, low, close and volume).</summary>
public abstract class BarIndicator : Indicator<BarInput>
{
    /// <summary>Feeds one engine bar (converted with <see cref="BarInput.From"/>) and returns the new value.</summary>
    /// <exception cref="ArgumentException">The bar is inconsistent; see <see cref="BarInput.Problem"/>.</exception>
    public double Update(Bar bar) => Update(BarInput.From(bar));

    private protected sealed override void Validate(BarInput input)
    {
        if (input.Problem() is { } problem)
        {
            throw new ArgumentException($"Invalid bar at {input.Time:O}: {problem}.", nameof(input));
        }
    }
}
