namespace Bourse.Sdk.Indicators;

/// <summary>
/// Williams %R of Larry Williams (<i>How I Made One Million Dollars Last Year Trading Commodities</i>, 1973), in
/// −100..0: −100·(highest high − close) / (highest high − lowest low) over the last n bars (the <see cref="DonchianChannels"/> range).
/// </summary>
/// <remarks>Ready after n bars; before that it is computed over the bars so far. −50 when the range is 0.</remarks>
public sealed class WilliamsPercentRange : BarIndicator
{
    private readonly DonchianChannels _range;

    /// <param name="period">Look-back n in bars (Williams: 14); at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1.</exception>
    public WilliamsPercentRange(int period = 14) => _range = new DonchianChannels(period);

    /// <summary>Look-back n in bars.</summary>
    public int Period => _range.Period;

    /// <inheritdoc />
    public override int WarmUpPeriod => Period;

    /// <inheritdoc />
    protected override double Compute(BarInput input)
    {
        _range.Update(input);
        var (highest, lowest) = (_range.Upper, _range.Lower);
        return highest == lowest ? -50 : -100 * (highest - input.Close) / (highest - lowest);
    }

    /// <inheritdoc />
    protected override void OnReset() => _range.Reset();
}
