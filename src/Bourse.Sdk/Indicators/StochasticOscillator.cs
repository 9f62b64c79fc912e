namespace Bourse.Sdk.Indicators;

/// <summary>
/// Stochastic oscillator of George C. Lane ("Lane's Stochastics", <i>Technical Analysis of Stocks &amp; Commodities</i>
/// 2:3, 1984), in 0..100. Outputs: <see cref="Indicator.Value"/> = <see cref="K"/>; <see cref="D"/>.
/// </summary>
/// <remarks>
/// Fast %K = 100·(close − lowest low) / (highest high − lowest low) over the last k bars (50 when the range is 0);
/// %K = SMA(k smoothing) of fast %K (smoothing 1 gives the fast stochastic, 3 the common slow one);
/// %D = SMA(d) of %K. Ready after k + smoothing + d − 2 bars (18 for 14/3/3); before that the outputs are 0.
/// </remarks>
public sealed class StochasticOscillator : BarIndicator
{
    private readonly DonchianChannels _range;
    private readonly SimpleMovingAverage _k;
    private readonly SimpleMovingAverage _d;

    /// <param name="period">Look-back k in bars of the high-low range (Lane: 14); at least 1.</param>
    /// <param name="kSmoothing">Bars in the SMA that smooths fast %K (3; 1 for none); at least 1.</param>
    /// <param name="dPeriod">Bars in the SMA of %K that gives %D (3); at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A period is below 1.</exception>
    public StochasticOscillator(int period = 14, int kSmoothing = 3, int dPeriod = 3)
    {
        _range = new DonchianChannels(period);
        _k = new SimpleMovingAverage(kSmoothing);
        _d = new SimpleMovingAverage(dPeriod);
    }

    /// <summary>Look-back k in bars.</summary>
    public int Period => _range.Period;

    /// <summary>%K (same as <see cref="Indicator.Value"/>).</summary>
    public double K => Value;

    /// <summary>%D, the SMA of %K.</summary>
    public double D { get; private set; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period + _k.Period + _d.Period - 2;

    /// <inheritdoc />
    protected override double Compute(BarInput input)
    {
        _range.Update(input);
        if (!_range.IsReady)
        {
            return 0;
        }

        var (highest, lowest) = (_range.Upper, _range.Lower);
        var fastK = highest == lowest ? 50 : 100 * (input.Close - lowest) / (highest - lowest);
        var k = _k.Update(fastK);
        if (!_k.IsReady)
        {
            return 0;
        }

        var d = _d.Update(k);
        D = _d.IsReady ? d : 0;
        return _d.IsReady ? k : 0;
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _range.Reset();
        _k.Reset();
        _d.Reset();
        D = 0;
    }
}
