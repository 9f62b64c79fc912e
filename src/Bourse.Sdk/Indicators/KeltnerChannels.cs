namespace Bourse.Sdk.Indicators;

/// <summary>
/// Keltner channels in the modern form popularised by Linda Bradford Raschke (after Chester Keltner, <i>How to Make
/// Money in Commodities</i>, 1960): <see cref="Indicator.Value"/> = <see cref="Middle"/> = EMA(n) of the close;
/// <see cref="Upper"/> / <see cref="Lower"/> = middle ± m·ATR(a).
/// </summary>
/// <remarks>
/// Uses <see cref="ExponentialMovingAverage"/> (SMA-seeded) and <see cref="AverageTrueRange"/> (Wilder), so it is
/// ready after max(n, a) bars; before that the outputs follow the partial EMA and ATR.
/// </remarks>
public sealed class KeltnerChannels : BarIndicator
{
    private readonly ExponentialMovingAverage _middle;
    private readonly AverageTrueRange _range;

    /// <param name="emaPeriod">Bars n of the EMA of the close (20); at least 1.</param>
    /// <param name="atrPeriod">Bars a of the ATR (10); at least 1.</param>
    /// <param name="multiplier">Channel half-width m in ATRs (2); positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A period is below 1 or the multiplier not positive.</exception>
    public KeltnerChannels(int emaPeriod = 20, int atrPeriod = 10, double multiplier = 2)
    {
        if (!double.IsFinite(multiplier) || multiplier <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier, "The multiplier must be positive and finite.");
        }

        _middle = new ExponentialMovingAverage(emaPeriod);
        _range = new AverageTrueRange(atrPeriod);
        Multiplier = multiplier;
    }

    /// <summary>Channel half-width m in ATRs.</summary>
    public double Multiplier { get; }

    /// <summary>EMA of the close (same as <see cref="Indicator.Value"/>).</summary>
    public double Middle => Value;

    /// <summary>Middle + m·ATR.</summary>
    public double Upper { get; private set; }

    /// <summary>Middle − m·ATR.</summary>
    public double Lower { get; private set; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Math.Max(_middle.WarmUpPeriod, _range.WarmUpPeriod);

    /// <inheritdoc />
    protected override double Compute(BarInput input)
    {
        var middle = _middle.Update(input.Close);
        var offset = Multiplier * _range.Update(input);
        Upper = middle + offset;
        Lower = middle - offset;
        return middle;
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _middle.Reset();
        _range.Reset();
        Upper = Lower = 0;
    }
}
