namespace Bourse.Sdk.Indicators;

/// <summary>
/// Double exponential moving average (DEMA) of Patrick Mulloy, "Smoothing Data with Faster Moving Averages",
/// <i>Technical Analysis of Stocks &amp; Commodities</i> 12:1 (1994): DEMA = 2·EMA(x) − EMA(EMA(x)), both with period n.
/// </summary>
/// <remarks>
/// Each EMA is seeded with the SMA of its first n inputs (see <see cref="ExponentialMovingAverage"/>); the outer EMA
/// is fed from the first ready value of the inner one, so DEMA is ready after 2n − 1 samples (as TA-Lib's
/// <c>TA_DEMA</c>). Before that <see cref="Indicator.Value"/> is the inner EMA.
/// </remarks>
public sealed class DoubleExponentialMovingAverage : PriceIndicator
{
    private readonly ExponentialMovingAverage _ema;
    private readonly ExponentialMovingAverage _emaOfEma;

    /// <param name="period">Number of periods n of both EMAs; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1.</exception>
    public DoubleExponentialMovingAverage(int period)
    {
        _ema = new ExponentialMovingAverage(period);
        _emaOfEma = new ExponentialMovingAverage(period);
    }

    /// <summary>Number of periods n.</summary>
    public int Period => _ema.Period;

    /// <inheritdoc />
    public override int WarmUpPeriod => (2 * Period) - 1;

    /// <inheritdoc />
    protected override double Compute(double input)
    {
        var ema = _ema.Update(input);
        if (!_ema.IsReady)
        {
            return ema;
        }

        var emaOfEma = _emaOfEma.Update(ema);
        return _emaOfEma.IsReady ? (2 * ema) - emaOfEma : ema;
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _ema.Reset();
        _emaOfEma.Reset();
    }
}
