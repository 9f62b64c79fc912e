namespace Bourse.Sdk.Indicators;

/// <summary>
/// Moving average convergence/divergence (MACD) of Gerald Appel (<i>The Moving Average Convergence-Divergence Trading
/// Method</i>, 1979). Outputs: <see cref="Indicator.Value"/> = <see cref="Line"/> = EMA(fast) − EMA(slow) of the
/// price; <see cref="Signal"/> = EMA(signal period) of the line; <see cref="Histogram"/> = line − signal.
/// </summary>
/// <remarks>
/// EMAs are seeded with the SMA of their first inputs (see <see cref="ExponentialMovingAverage"/>). The line is
/// defined from sample <c>slow</c> on; the signal EMA is fed from then, so every output is ready after
/// slow + signal − 1 samples (34 for 12/26/9, as TA-Lib's <c>TA_MACD</c>). Before that <see cref="Signal"/> and
/// <see cref="Histogram"/> are 0.
/// </remarks>
public sealed class MovingAverageConvergenceDivergence : PriceIndicator
{
    private readonly ExponentialMovingAverage _fast;
    private readonly ExponentialMovingAverage _slow;
    private readonly ExponentialMovingAverage _signal;

    /// <param name="fastPeriod">Periods of the fast EMA (Appel: 12); at least 1 and below <paramref name="slowPeriod"/>.</param>
    /// <param name="slowPeriod">Periods of the slow EMA (26).</param>
    /// <param name="signalPeriod">Periods of the signal EMA of the line (9); at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A period is below 1 or the fast period is not below the slow one.</exception>
    public MovingAverageConvergenceDivergence(int fastPeriod = 12, int slowPeriod = 26, int signalPeriod = 9)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fastPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slowPeriod, fastPeriod);
        _fast = new ExponentialMovingAverage(fastPeriod);
        _slow = new ExponentialMovingAverage(slowPeriod);
        _signal = new ExponentialMovingAverage(signalPeriod);
    }

    /// <summary>The MACD line, EMA(fast) − EMA(slow), in price units (same as <see cref="Indicator.Value"/>).</summary>
    public double Line => Value;

    /// <summary>The signal line: EMA of <see cref="Line"/>.</summary>
    public double Signal { get; private set; }

    /// <summary>The histogram: <see cref="Line"/> − <see cref="Signal"/>.</summary>
    public double Histogram { get; private set; }

    /// <inheritdoc />
    public override int WarmUpPeriod => _slow.Period + _signal.Period - 1;

    /// <inheritdoc />
    protected override double Compute(double input)
    {
        var line = _fast.Update(input) - _slow.Update(input);
        if (!_slow.IsReady)
        {
            return line;
        }

        _signal.Update(line);
        if (_signal.IsReady)
        {
            Signal = _signal.Value;
            Histogram = line - Signal;
        }

        return line;
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _fast.Reset();
        _slow.Reset();
        _signal.Reset();
        Signal = 0;
        Histogram = 0;
    }
}
