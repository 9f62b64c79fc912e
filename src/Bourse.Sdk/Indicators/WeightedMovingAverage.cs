namespace Bourse.Sdk.Indicators;

/// <summary>
/// Linearly weighted moving average (WMA) of the last n samples: WMA = Σ wᵢ·xᵢ / Σ wᵢ with weight n for the newest
/// sample down to 1 for the oldest, so Σ wᵢ = n(n + 1)/2 (the standard definition, e.g. StockCharts ChartSchool,
/// TA-Lib <c>TA_WMA</c>).
/// </summary>
/// <remarks>Ready after n samples; before that <see cref="Indicator.Value"/> weights the samples so far the same way (1..k).</remarks>
public sealed class WeightedMovingAverage : PriceIndicator
{
    private readonly RollingWindow _window;

    /// <param name="period">Number of samples n; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1.</exception>
    public WeightedMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _window = new RollingWindow(period);
    }

    /// <summary>Number of samples n.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period;

    /// <inheritdoc />
    protected override double Compute(double input)
    {
        _window.Add(input);
        var weighted = 0.0;
        for (var i = 0; i < _window.Count; i++)
        {
            weighted += (i + 1) * _window[i];
        }

        var count = _window.Count;
        return weighted / (count * (count + 1) / 2.0);
    }

    /// <inheritdoc />
    protected override void OnReset() => _window.Clear();
}
