namespace Bourse.Sdk.Indicators;

/// <summary>
/// Relative strength index (RSI) in 0..100 with Wilder's smoothing, as defined by J. Welles Wilder Jr.,
/// <i>New Concepts in Technical Trading Systems</i> (Trend Research, 1978).
/// </summary>
/// <remarks>
/// Each sample after the first gives a change d = xₜ − xₜ₋₁, split into a gain max(d, 0) and a loss max(−d, 0).
/// Gains and losses are each averaged with <see cref="WilderMovingAverage"/> (plain mean of the first n changes, then
/// avg = (avg·(n − 1) + current) / n). RSI = 100 − 100 / (1 + avgGain / avgLoss); it is 100 when there are gains
/// but no losses and 50 when the price did not move at all over the window. n changes need n + 1 samples, so
/// <see cref="WarmUpPeriod"/> is n + 1; before that <see cref="Indicator.Value"/> is 0.
/// </remarks>
public sealed class RelativeStrengthIndex : PriceIndicator
{
    private readonly WilderMovingAverage _gains;
    private readonly WilderMovingAverage _losses;
    private double _previous;

    /// <param name="period">Number of changes n averaged (Wilder used 14). At least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1.</exception>
    public RelativeStrengthIndex(int period)
    {
        _gains = new WilderMovingAverage(period);
        _losses = new WilderMovingAverage(period);
    }

    /// <summary>Number of changes n averaged.</summary>
    public int Period => _gains.Period;

    /// <summary>Wilder-smoothed average gain per sample (0 until ready).</summary>
    public double AverageGain => IsReady ? _gains.Value : 0;

    /// <summary>Wilder-smoothed average loss per sample, as a positive number (0 until ready).</summary>
    public double AverageLoss => IsReady ? _losses.Value : 0;

    /// <inheritdoc />
    public override int WarmUpPeriod => Period + 1;

    /// <inheritdoc />
    protected override double Compute(double input)
    {
        var previous = _previous;
        _previous = input;
        if (Samples == 1)
        {
            return 0;
        }

        var change = input - previous;
        var gain = _gains.Update(Math.Max(change, 0));
        var loss = _losses.Update(Math.Max(-change, 0));
        if (!_gains.IsReady)
        {
            return 0;
        }

        return loss == 0
            ? (gain == 0 ? 50 : 100)
            : 100 - (100 / (1 + (gain / loss)));
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _previous = 0;
        _gains.Reset();
        _losses.Reset();
    }
}
