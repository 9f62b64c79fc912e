namespace Bourse.Sdk.Indicators;

/// <summary>
/// Bollinger Bands of John Bollinger (<i>Bollinger on Bollinger Bands</i>, McGraw-Hill, 2001). Outputs:
/// <see cref="Indicator.Value"/> = <see cref="Middle"/> = SMA(n) of the price; <see cref="Upper"/> / <see cref="Lower"/>
/// = middle ± k·σ, where σ is the population standard deviation of the same n samples (Bollinger's definition);
/// <see cref="Bandwidth"/> = (upper − lower) / middle; <see cref="PercentB"/> = (price − lower) / (upper − lower).
/// </summary>
/// <remarks>
/// Ready after n samples; before that the bands are computed over the samples so far. σ is computed in two passes
/// over the window (mean, then squared deviations), so it never suffers the cancellation of the one-pass formula.
/// Bandwidth is 0 when the middle is 0; %B is 0.5 when the bands have no width.
/// </remarks>
public sealed class BollingerBands : PriceIndicator
{
    private readonly RollingWindow _window;

    /// <param name="period">Number of samples n (Bollinger: 20); at least 1.</param>
    /// <param name="width">Band width k in standard deviations (2); positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1 or the width not positive.</exception>
    public BollingerBands(int period = 20, double width = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (!double.IsFinite(width) || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "The band width must be positive and finite.");
        }

        Period = period;
        Width = width;
        _window = new RollingWindow(period);
    }

    /// <summary>Number of samples n.</summary>
    public int Period { get; }

    /// <summary>Band width k in standard deviations.</summary>
    public double Width { get; }

    /// <summary>The middle band, SMA(n) (same as <see cref="Indicator.Value"/>).</summary>
    public double Middle => Value;

    /// <summary>Middle + k·σ.</summary>
    public double Upper { get; private set; }

    /// <summary>Middle − k·σ.</summary>
    public double Lower { get; private set; }

    /// <summary>Population standard deviation σ of the window, price units.</summary>
    public double StandardDeviation { get; private set; }

    /// <summary>(upper − lower) / middle, a fraction (Bollinger's BandWidth without the ×100).</summary>
    public double Bandwidth { get; private set; }

    /// <summary>(last price − lower) / (upper − lower): 0 at the lower band, 1 at the upper one.</summary>
    public double PercentB { get; private set; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period;

    /// <inheritdoc />
    protected override double Compute(double input)
    {
        _window.Add(input);
        var count = _window.Count;
        var mean = _window.Sum() / count;
        var squares = 0.0;
        for (var i = 0; i < count; i++)
        {
            var deviation = _window[i] - mean;
            squares += deviation * deviation;
        }

        StandardDeviation = Math.Sqrt(squares / count);
        Upper = mean + (Width * StandardDeviation);
        Lower = mean - (Width * StandardDeviation);
        Bandwidth = mean == 0 ? 0 : (Upper - Lower) / mean;
        PercentB = Upper == Lower ? 0.5 : (input - Lower) / (Upper - Lower);
        return mean;
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _window.Clear();
        Upper = Lower = StandardDeviation = Bandwidth = PercentB = 0;
    }
}
