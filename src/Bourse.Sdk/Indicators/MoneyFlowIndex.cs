namespace Bourse.Sdk.Indicators;

/// <summary>
/// Money flow index (MFI) of Gene Quong and Avrum Soudack, "Volume-Weighted RSI: Money Flow", <i>Technical Analysis of
/// Stocks &amp; Commodities</i> 7:3 (1989), in 0..100. The raw money flow of a bar is TP·volume with the typical price
/// TP = (high + low + close) / 3; it is positive when TP rose from the previous bar, negative when it fell, neither when
/// unchanged. MFI = 100·Σpositive / (Σpositive + Σnegative) over the last n bars.
/// </summary>
/// <remarks>n flows need n + 1 bars, so it is ready after n + 1 bars; before that it is 0. 50 when there is no flow at all.</remarks>
public sealed class MoneyFlowIndex : BarIndicator
{
    private readonly RollingWindow _positive;
    private readonly RollingWindow _negative;
    private double _previousTypical;

    /// <param name="period">Number of flows n (14); at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1.</exception>
    public MoneyFlowIndex(int period = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _positive = new RollingWindow(period);
        _negative = new RollingWindow(period);
    }

    /// <summary>Number of flows n.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period + 1;

    /// <inheritdoc />
    protected override double Compute(BarInput input)
    {
        var typical = input.TypicalPrice;
        var previous = _previousTypical;
        _previousTypical = typical;
        if (Samples == 1)
        {
            return 0;
        }

        var flow = typical * input.Volume;
        _positive.Add(typical > previous ? flow : 0);
        _negative.Add(typical < previous ? flow : 0);
        if (!_positive.IsFull)
        {
            return 0;
        }

        var positive = _positive.Sum();
        var total = positive + _negative.Sum();
        return total == 0 ? 50 : 100 * positive / total;
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _positive.Clear();
        _negative.Clear();
        _previousTypical = 0;
    }
}
