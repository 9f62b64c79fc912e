namespace Bourse.Sdk.Indicators;

/// <summary>
/// Simple moving average (SMA): the arithmetic mean of the last <see cref="Period"/> samples.
/// Ready after <see cref="Period"/> samples; before that <see cref="Indicator.Value"/> is the mean of the samples so far.
/// </summary>
public sealed class SimpleMovingAverage : Indicator
{
    private readonly double[] _window;
    private int _next;
    private double _sum;

    /// <param name="period">Number of samples averaged; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1.</exception>
    public SimpleMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _window = new double[period];
    }

    /// <summary>Number of samples averaged.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period;

    /// <inheritdoc />
    protected override double Compute(double sample)
    {
        if (Samples > Period)
        {
            _sum -= _window[_next];
        }

        _window[_next] = sample;
        _next = (_next + 1) % Period;
        _sum += sample;

        // Re-add the window from scratch once per cycle so rounding errors of the running sum never accumulate.
        if (_next == 0)
        {
            _sum = 0;
            foreach (var value in _window)
            {
                _sum += value;
            }
        }

        return _sum / Math.Min(Samples, Period);
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        Array.Clear(_window);
        _next = 0;
        _sum = 0;
    }
}
