namespace Bourse.Sdk.Indicators;

/// <summary>
/// Commodity channel index (CCI) of Donald Lambert, "Commodity Channel Index: Tool for Trading Cyclic Trends",
/// <i>Commodities</i> (1980): (TP − SMA(TP)) / (0.015 · mean absolute deviation of TP), with the typical price
/// TP = (high + low + close) / 3 over the last n bars.
/// </summary>
/// <remarks>Ready after n bars; before that it is computed over the bars so far. 0 when the mean deviation is 0.</remarks>
public sealed class CommodityChannelIndex : BarIndicator
{
    private const double LambertConstant = 0.015;
    private readonly RollingWindow _typicalPrices;

    /// <param name="period">Number of bars n (Lambert: 20); at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1.</exception>
    public CommodityChannelIndex(int period = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _typicalPrices = new RollingWindow(period);
    }

    /// <summary>Number of bars n.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period;

    /// <inheritdoc />
    protected override double Compute(BarInput input)
    {
        var typical = input.TypicalPrice;
        _typicalPrices.Add(typical);
        var count = _typicalPrices.Count;
        var mean = _typicalPrices.Sum() / count;
        var deviation = 0.0;
        for (var i = 0; i < count; i++)
        {
            deviation += Math.Abs(_typicalPrices[i] - mean);
        }

        deviation /= count;
        return deviation == 0 ? 0 : (typical - mean) / (LambertConstant * deviation);
    }

    /// <inheritdoc />
    protected override void OnReset() => _typicalPrices.Clear();
}
