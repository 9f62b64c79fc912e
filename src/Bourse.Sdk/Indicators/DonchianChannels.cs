namespace Bourse.Sdk.Indicators;

/// <summary>
/// Donchian channels of Richard Donchian (the n-bar breakout channel of his trend-following rules, 1960s): Outputs:
/// <see cref="Upper"/> = highest high and <see cref="Lower"/> = lowest low of the last n bars, and
/// <see cref="Indicator.Value"/> = <see cref="Middle"/> = (upper + lower) / 2.
/// </summary>
/// <remarks>Ready after n bars; before that the channel spans the bars so far. The latest bar is included.</remarks>
public sealed class DonchianChannels : BarIndicator
{
    private readonly RollingWindow _highs;
    private readonly RollingWindow _lows;

    /// <param name="period">Look-back n in bars (20); at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1.</exception>
    public DonchianChannels(int period = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _highs = new RollingWindow(period);
        _lows = new RollingWindow(period);
    }

    /// <summary>Look-back n in bars.</summary>
    public int Period { get; }

    /// <summary>Highest high of the window.</summary>
    public double Upper { get; private set; }

    /// <summary>Lowest low of the window.</summary>
    public double Lower { get; private set; }

    /// <summary>(upper + lower) / 2 (same as <see cref="Indicator.Value"/>).</summary>
    public double Middle => Value;

    /// <inheritdoc />
    public override int WarmUpPeriod => Period;

    /// <inheritdoc />
    protected override double Compute(BarInput input)
    {
        _highs.Add(input.High);
        _lows.Add(input.Low);
        Upper = _highs.Max();
        Lower = _lows.Min();
        return (Upper + Lower) / 2;
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _highs.Clear();
        _lows.Clear();
        Upper = Lower = 0;
    }
}
