namespace Bourse.Sdk.Indicators;

/// <summary>
/// Relative strength index (RSI) in 0..100 with Wilder's smoothing, as defined by J. Welles Wilder Jr.,
/// <i>New Concepts in Technical Trading Systems</i> (Trend Research, 1978).
/// </summary>
/// <remarks>
/// Each sample after the first gives a change d = xₜ − xₜ₋₁, split into a gain max(d, 0) and a loss max(−d, 0).
/// The first average gain and loss are the plain means of the first n changes; after that
/// avg = (avg·(n − 1) + current) / n (Wilder's smoothing, an EMA with α = 1/n).
/// RSI = 100 − 100 / (1 + avgGain / avgLoss); it is 100 when there are gains but no losses and 50 when the
/// price did not move at all over the window. n changes need n + 1 samples, so <see cref="WarmUpPeriod"/> is
/// n + 1; before that <see cref="Indicator.Value"/> is 0.
/// </remarks>
public sealed class RelativeStrengthIndex : Indicator
{
    private double _previous;
    private double _averageGain;
    private double _averageLoss;

    /// <param name="period">Number of changes n averaged (Wilder used 14). At least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1.</exception>
    public RelativeStrengthIndex(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
    }

    /// <summary>Number of changes n averaged.</summary>
    public int Period { get; }

    /// <summary>Wilder-smoothed average gain per sample (0 until ready).</summary>
    public double AverageGain => IsReady ? _averageGain : 0;

    /// <summary>Wilder-smoothed average loss per sample, as a positive number (0 until ready).</summary>
    public double AverageLoss => IsReady ? _averageLoss : 0;

    /// <inheritdoc />
    public override int WarmUpPeriod => Period + 1;

    /// <inheritdoc />
    protected override double Compute(double sample)
    {
        var previous = _previous;
        _previous = sample;
        if (Samples == 1)
        {
            return 0;
        }

        var change = sample - previous;
        var gain = Math.Max(change, 0);
        var loss = Math.Max(-change, 0);
        if (Samples <= WarmUpPeriod)
        {
            // Accumulate the plain sums of the first n changes; they become means at sample n + 1.
            _averageGain += gain;
            _averageLoss += loss;
            if (Samples < WarmUpPeriod)
            {
                return 0;
            }

            _averageGain /= Period;
            _averageLoss /= Period;
        }
        else
        {
            _averageGain = ((_averageGain * (Period - 1)) + gain) / Period;
            _averageLoss = ((_averageLoss * (Period - 1)) + loss) / Period;
        }

        return _averageLoss == 0
            ? (_averageGain == 0 ? 50 : 100)
            : 100 - (100 / (1 + (_averageGain / _averageLoss)));
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _previous = 0;
        _averageGain = 0;
        _averageLoss = 0;
    }
}
