namespace Bourse.Sdk.Indicators;

/// <summary>
/// Average true range (ATR) of J. Welles Wilder Jr., <i>New Concepts in Technical Trading Systems</i> (Trend Research,
/// 1978): the <see cref="WilderMovingAverage"/> of the true range TR = max(high, previous close) − min(low, previous
/// close), in price units.
/// </summary>
/// <remarks>
/// The first bar has no previous close, so its TR is its high − low range; the first ATR is the mean of the first n
/// TRs, so ATR is ready after n bars (the definition of the trading-signals package; TA-Lib instead skips the first
/// bar and is ready after n + 1). Before that <see cref="Indicator.Value"/> is the mean TR so far.
/// </remarks>
public sealed class AverageTrueRange : BarIndicator
{
    private readonly WilderMovingAverage _average;
    private double _previousClose = double.NaN;

    /// <param name="period">Number of bars n averaged (Wilder: 14); at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1.</exception>
    public AverageTrueRange(int period = 14) => _average = new WilderMovingAverage(period);

    /// <summary>Number of bars n averaged.</summary>
    public int Period => _average.Period;

    /// <summary>True range of the latest bar, price units.</summary>
    public double TrueRange { get; private set; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period;

    /// <summary>TR of a bar given the previous close (NaN for the first bar: then high − low).</summary>
    internal static double TrueRangeOf(BarInput bar, double previousClose) => double.IsNaN(previousClose)
        ? bar.High - bar.Low
        : Math.Max(bar.High, previousClose) - Math.Min(bar.Low, previousClose);

    /// <inheritdoc />
    protected override double Compute(BarInput input)
    {
        TrueRange = TrueRangeOf(input, _previousClose);
        _previousClose = input.Close;
        return _average.Update(TrueRange);
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _average.Reset();
        _previousClose = double.NaN;
        TrueRange = 0;
    }
}
