namespace Bourse.Sdk.Indicators;

/// <summary>
/// Simple moving average (SMA): the arithmetic mean of the last <see cref="Period"/> samples.
/// Ready after <see cref="Period"/> samples; before that <see cref="Indicator.Value"/> is the mean of the samples so far.
/// </summary>
public sealed class SimpleMovingAverage : PriceIndicator
{
    private readonly RollingWindow _window;
    private double _sum;

    /// <param name="period">Number of samples averaged; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1.</exception>
    public SimpleMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _window = new RollingWindow(period);
    }

    /// <summary>Number of samples averaged.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period;

    /// <inheritdoc />
    protected override double Compute(double input)
    {
        var leaving = _window.IsFull ? _window.Oldest : 0;
        _window.Add(input);
        _sum += input - leaving;

        // Re-add the window from scratch once per cycle so rounding errors of the running sum never accumulate.
        if (Samples % Period == 0)
        {
            _sum = _window.Sum();
        }

        return _sum / _window.Count;
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _window.Clear();
        _sum = 0;
    }
}
