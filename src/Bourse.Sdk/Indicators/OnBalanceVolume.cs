namespace Bourse.Sdk.Indicators;

/// <summary>
/// On-balance volume (OBV) of Joseph Granville (<i>Granville's New Key to Stock Market Profits</i>, 1963): a running
/// total of volume, added when the close rises, subtracted when it falls, unchanged when it is flat. Base units.
/// </summary>
/// <remarks>Starts at 0 on the first bar (no previous close), so it is ready after 1 bar.</remarks>
public sealed class OnBalanceVolume : BarIndicator
{
    private double _previousClose;
    private double _total;

    /// <inheritdoc />
    public override int WarmUpPeriod => 1;

    /// <inheritdoc />
    protected override double Compute(BarInput input)
    {
        if (Samples > 1)
        {
            _total += input.Close > _previousClose ? input.Volume : input.Close < _previousClose ? -input.Volume : 0;
        }

        _previousClose = input.Close;
        return _total;
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _previousClose = 0;
        _total = 0;
    }
}
