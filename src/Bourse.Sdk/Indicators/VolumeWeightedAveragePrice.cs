namespace Bourse.Sdk.Indicators;

/// <summary>
/// Session-anchored volume-weighted average price (VWAP): Σ TP·volume / Σ volume over the bars of the current session,
/// with the typical price TP = (high + low + close) / 3 of each bar (the bar-based VWAP of e.g. StockCharts
/// ChartSchool; the exact VWAP of Berkowitz, Logue and Noser, <i>Journal of Finance</i> 43:1 (1988), weighs every trade).
/// </summary>
/// <remarks>
/// A session is a calendar day in <see cref="SessionTimeZone"/>: the running sums restart with the first bar whose
/// <see cref="BarInput.Time"/> (UTC) falls on a new local date, so US equity sessions anchor at the first bar of each
/// New York trading day and crypto sessions at 00:00 UTC. Ready after 1 bar. While the session has traded no volume
/// yet, <see cref="Indicator.Value"/> is the typical price of the latest bar.
/// </remarks>
public sealed class VolumeWeightedAveragePrice : BarIndicator
{
    private DateOnly _session;
    private double _priceVolume;
    private double _volume;

    /// <param name="sessionTimeZone">The time zone whose calendar days delimit sessions (UTC when null).</param>
    public VolumeWeightedAveragePrice(TimeZoneInfo? sessionTimeZone = null) => SessionTimeZone = sessionTimeZone ?? TimeZoneInfo.Utc;

    /// <summary>The time zone whose calendar days delimit sessions.</summary>
    public TimeZoneInfo SessionTimeZone { get; }

    /// <summary>The local date of the current session (default before any bar).</summary>
    public DateOnly Session => _session;

    /// <inheritdoc />
    public override int WarmUpPeriod => 1;

    /// <inheritdoc />
    protected override double Compute(BarInput input)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(input.Time, DateTimeKind.Utc), SessionTimeZone);
        var session = DateOnly.FromDateTime(local);
        if (Samples == 1 || session != _session)
        {
            _session = session;
            _priceVolume = 0;
            _volume = 0;
        }

        var typical = input.TypicalPrice;
        _priceVolume += typical * input.Volume;
        _volume += input.Volume;
        return _volume == 0 ? typical : _priceVolume / _volume;
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _session = default;
        _priceVolume = 0;
        _volume = 0;
    }
}
