namespace Bourse.Sdk.Indicators;

/// <summary>
/// Momentum: the price change over n periods, xₜ − xₜ₋ₙ, in price units (John J. Murphy, <i>Technical Analysis of
/// the Financial Markets</i>, 1999, ch. 10).
/// </summary>
/// <remarks>Needs the sample n periods back, so it is ready after n + 1 samples; before that it is 0.</remarks>
public sealed class Momentum : PriceIndicator
{
    private readonly RollingWindow _window;

    /// <param name="period">Look-back n in samples; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1.</exception>
    public Momentum(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _window = new RollingWindow(period + 1);
    }

    /// <summary>Look-back n in samples.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period + 1;

    /// <inheritdoc />
    protected override double Compute(double input)
    {
        _window.Add(input);
        return _window.IsFull ? input - _window.Oldest : 0;
    }

    /// <inheritdoc />
    protected override void OnReset() => _window.Clear();
}
