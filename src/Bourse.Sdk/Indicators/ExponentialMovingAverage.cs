namespace Bourse.Sdk.Indicators;

/// <summary>
/// Exponential moving average (EMA) with smoothing factor α = 2 / (<see cref="Period"/> + 1):
/// EMAₜ = α·xₜ + (1 − α)·EMAₜ₋₁.
/// </summary>
/// <remarks>
/// The recursion is seeded with the simple moving average of the first <see cref="Period"/> samples, so the
/// first ready value (sample n) equals SMA(n) and the EMA is ready after <see cref="Period"/> samples. This is the
/// seeding used by StockCharts' ChartSchool ("Moving Averages – Simple and Exponential"), by TA-Lib's
/// <c>TA_EMA</c> in its default compatibility mode and by the Skender Stock.Indicators library, so values match
/// those references exactly. Before it is ready, <see cref="Indicator.Value"/> is the mean of the samples so far.
/// </remarks>
public sealed class ExponentialMovingAverage : PriceIndicator
{
    private double _sum;
    private double _ema;

    /// <param name="period">Number of periods n; α = 2 / (n + 1). At least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1.</exception>
    public ExponentialMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        Alpha = 2.0 / (period + 1);
    }

    /// <summary>Number of periods n.</summary>
    public int Period { get; }

    /// <summary>The smoothing factor α = 2 / (n + 1).</summary>
    public double Alpha { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period;

    /// <inheritdoc />
    protected override double Compute(double input)
    {
        if (Samples <= Period)
        {
            _sum += input;
            _ema = _sum / Samples;
        }
        else
        {
            _ema += Alpha * (input - _ema);
        }

        return _ema;
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _sum = 0;
        _ema = 0;
    }
}
