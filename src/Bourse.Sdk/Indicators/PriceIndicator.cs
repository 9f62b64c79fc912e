namespace Bourse.Sdk.Indicators;

/// <summary>An indicator of a single price series (typically the close, in quote currency).</summary>
public abstract class PriceIndicator : Indicator<double>
{
    private protected sealed override void Validate(double input)
    {
        if (!double.IsFinite(input))
        {
            throw new ArgumentException($"An indicator sample must be finite (was {input}).", nameof(input));
        }
    }
}
