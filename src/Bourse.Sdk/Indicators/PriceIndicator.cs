namespace Bourse.Sdk.Indicators;

/// <summary>An indicator of a single price series (typically the close, in quote currency).</summary>
public abstract class PriceIndicator : Indicator<double>
{
    private protected sealed override void Validate(double input)
    {
        if (!double.IsFinite(input))
        {
            ThrowNotFinite(input);
        }
    }

    // Out of line, so the check inlines into Update and costs a comparison per sample.
    private static void ThrowNotFinite(double input) =>
        throw new ArgumentException($"An indicator sample must be finite (was {input}).", nameof(input));
}
