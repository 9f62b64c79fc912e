namespace Bourse.Sdk.Indicators;

/// <summary>
/// Wilder's moving average (also called RMA or SMMA): the smoothing J. Welles Wilder Jr. uses throughout
/// <i>New Concepts in Technical Trading Systems</i> (Trend Research, 1978) for RSI, ATR and ADX.
/// avgₜ = avgₜ₋₁ + (xₜ − avgₜ₋₁) / n, an EMA with α = 1/n.
/// </summary>
/// <remarks>
/// Seeded as Wilder does, with the plain mean of the first n samples, so it is ready after n samples; before that
/// <see cref="Indicator.Value"/> is the mean of the samples so far.
/// </remarks>
public sealed class WilderMovingAverage : PriceIndicator
{
    private double _average;

    /// <param name="period">Number of periods n; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1.</exception>
    public WilderMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
    }

    /// <summary>Number of periods n.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period;

    /// <inheritdoc />
    protected override double Compute(double input)
    {
        // Before the seed is complete this is the running mean (divide by the sample count); after, Wilder's 1/n.
        _average += (input - _average) / Math.Min(Samples, Period);
        return _average;
    }

    /// <inheritdoc />
    protected override void OnReset() => _average = 0;
}
