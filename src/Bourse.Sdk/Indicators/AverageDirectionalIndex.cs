namespace Bourse.Sdk.Indicators;

/// <summary>
/// Average directional index (ADX) with the directional indicators +DI and −DI, all in 0..100, as defined by
/// J. Welles Wilder Jr., <i>New Concepts in Technical Trading Systems</i> (Trend Research, 1978).
/// Outputs: <see cref="Indicator.Value"/> = ADX; <see cref="PlusDi"/>; <see cref="MinusDi"/>.
/// </summary>
/// <remarks>
/// From the second bar on: up = high − previous high, down = previous low − low; +DM = up when up &gt; down and
/// up &gt; 0, else 0; −DM = down when down &gt; up and down &gt; 0, else 0 (equal moves count for neither side);
/// TR = max(high, previous close) − min(low, previous close). TR, +DM and −DM are smoothed with
/// <see cref="WilderMovingAverage"/>(n); +DI = 100·avg(+DM)/avg(TR), −DI = 100·avg(−DM)/avg(TR) (defined from bar n + 1);
/// DX = 100·|+DI − −DI| / (+DI + −DI) (0 when both are 0); ADX = <see cref="WilderMovingAverage"/>(n) of DX, ready
/// after n DX values, i.e. after 2n bars (as TA-Lib's <c>TA_ADX</c>). Before that the outputs are 0.
/// </remarks>
public sealed class AverageDirectionalIndex : BarIndicator
{
    private readonly WilderMovingAverage _trueRange;
    private readonly WilderMovingAverage _plusMove;
    private readonly WilderMovingAverage _minusMove;
    private readonly WilderMovingAverage _adx;
    private BarInput _previous;

    /// <param name="period">Smoothing periods n (Wilder: 14); at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1.</exception>
    public AverageDirectionalIndex(int period = 14)
    {
        _trueRange = new WilderMovingAverage(period);
        _plusMove = new WilderMovingAverage(period);
        _minusMove = new WilderMovingAverage(period);
        _adx = new WilderMovingAverage(period);
    }

    /// <summary>Smoothing periods n.</summary>
    public int Period => _adx.Period;

    /// <summary>Positive directional indicator +DI, 0..100.</summary>
    public double PlusDi { get; private set; }

    /// <summary>Negative directional indicator −DI, 0..100.</summary>
    public double MinusDi { get; private set; }

    /// <inheritdoc />
    public override int WarmUpPeriod => 2 * Period;

    /// <inheritdoc />
    protected override double Compute(BarInput input)
    {
        var previous = _previous;
        _previous = input;
        if (Samples == 1)
        {
            return 0;
        }

        var up = input.High - previous.High;
        var down = previous.Low - input.Low;
        var trueRange = _trueRange.Update(AverageTrueRange.TrueRangeOf(input, previous.Close));
        var plus = _plusMove.Update(up > down && up > 0 ? up : 0);
        var minus = _minusMove.Update(down > up && down > 0 ? down : 0);
        if (!_trueRange.IsReady)
        {
            return 0;
        }

        PlusDi = trueRange == 0 ? 0 : 100 * plus / trueRange;
        MinusDi = trueRange == 0 ? 0 : 100 * minus / trueRange;
        var sum = PlusDi + MinusDi;
        var adx = _adx.Update(sum == 0 ? 0 : 100 * Math.Abs(PlusDi - MinusDi) / sum);
        return _adx.IsReady ? adx : 0;
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _trueRange.Reset();
        _plusMove.Reset();
        _minusMove.Reset();
        _adx.Reset();
        _previous = default;
        PlusDi = MinusDi = 0;
    }
}
