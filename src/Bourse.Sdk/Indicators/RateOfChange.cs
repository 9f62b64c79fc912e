namespace Bourse.Sdk.Indicators;

/// <summary>
/// Rate of change (ROC) in percent: 100·(xₜ − xₜ₋ₙ) / xₜ₋ₙ, the <see cref="Momentum"/> relative to the past price; the momentum oscillator described e.g. by John J. Murphy,
/// <i>Technical Analysis of the Financial Markets</i> (1999), ch. 10.
/// </summary>
/// <remarks>Needs the sample n periods back, so it is ready after n + 1 samples; before that, and when xₜ₋ₙ is 0, it is 0.</remarks>
public sealed class RateOfChange : PriceIndicator
{
    private readonly Momentum _change;

    /// <param name="period">Look-back n in samples; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1.</exception>
    public RateOfChange(int period) => _change = new Momentum(period);

    /// <summary>Look-back n in samples.</summary>
    public int Period => _change.Period;

    /// <inheritdoc />
    public override int WarmUpPeriod => _change.WarmUpPeriod;

    /// <inheritdoc />
    protected override double Compute(double input)
    {
        var change = _change.Update(input);
        var past = input - change;
        return _change.IsReady && past != 0 ? 100 * change / past : 0;
    }

    /// <inheritdoc />
    protected override void OnReset() => _change.Reset();
}
