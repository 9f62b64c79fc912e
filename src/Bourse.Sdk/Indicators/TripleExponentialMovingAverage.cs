namespace Bourse.Sdk.Indicators;

/// <summary>
/// Triple exponential moving average (TEMA) of Patrick Mulloy, "Smoothing Data with Faster Moving Averages",
/// <i>Technical Analysis of Stocks &amp; Commodities</i> 12:1 (1994): with e₁ = EMA(x), e₂ = EMA(e₁), e₃ = EMA(e₂),
/// all of period n, TEMA = 3·e₁ − 3·e₂ + e₃.
/// </summary>
/// <remarks>
/// Each EMA is seeded with the SMA of its first n inputs and feeds the next one from its first ready value, so TEMA is
/// ready after 3n − 2 samples (as TA-Lib's <c>TA_TEMA</c>). Before that <see cref="Indicator.Value"/> is e₁.
/// </remarks>
public sealed class TripleExponentialMovingAverage : PriceIndicator
{
    private readonly ExponentialMovingAverage _first;
    private readonly ExponentialMovingAverage _second;
    private readonly ExponentialMovingAverage _third;

    /// <param name="period">Number of periods n of the three EMAs; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1.</exception>
    public TripleExponentialMovingAverage(int period)
    {
        _first = new ExponentialMovingAverage(period);
        _second = new ExponentialMovingAverage(period);
        _third = new ExponentialMovingAverage(period);
    }

    /// <summary>Number of periods n.</summary>
    public int Period => _first.Period;

    /// <inheritdoc />
    public override int WarmUpPeriod => (3 * Period) - 2;

    /// <inheritdoc />
    protected override double Compute(double input)
    {
        var first = _first.Update(input);
        if (!_first.IsReady)
        {
            return first;
        }

        var second = _second.Update(first);
        if (!_second.IsReady)
        {
            return first;
        }

        var third = _third.Update(second);
        return _third.IsReady ? (3 * first) - (3 * second) + third : first;
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _first.Reset();
        _second.Reset();
        _third.Reset();
    }
}
