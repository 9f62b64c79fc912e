using Bourse.Engine.Backtesting;

namespace Bourse.Engine.Statistics;

/// <summary>
/// The equity curve sampled at every bar close time: one point per distinct timestamp (several instruments closing
/// at the same time update the same point, which ends with the equity after the last of them). Also keeps what the
/// performance figures need besides the points: the starting equity, the smallest bar period seen and how many
/// points had an open position.
/// </summary>
internal sealed class EquityCurve
{
    private readonly List<EquityPoint> _points = [];
    private bool _lastInMarket;

    public IReadOnlyList<EquityPoint> Points => _points;

    /// <summary>The equity when the run started (E_0), or null before the start.</summary>
    public EquityPoint? Origin { get; private set; }

    /// <summary>The smallest bar period recorded, or null before the first bar.</summary>
    public TimeSpan? BarPeriod { get; private set; }

    /// <summary>Points at which at least one position was open.</summary>
    public int InMarketPoints { get; private set; }

    /// <summary>Sets the starting equity E_0.</summary>
    public void Start(DateTime timestamp, decimal equity) => Origin = new EquityPoint(timestamp, equity);

    /// <summary>Records equity at <paramref name="timestamp"/>; replaces the last point when it has the same time.</summary>
    /// <param name="timestamp">The bar close time.</param>
    /// <param name="equity">Equity after the bar.</param>
    /// <param name="barPeriod">The bar's period.</param>
    /// <param name="inMarket">Whether at least one position is open.</param>
    public void Record(DateTime timestamp, decimal equity, TimeSpan barPeriod, bool inMarket)
    {
        if (BarPeriod is not { } period || barPeriod < period)
        {
            BarPeriod = barPeriod;
        }

        var n = _points.Count;
        if (n > 0 && _points[n - 1].Timestamp == timestamp)
        {
            _points[n - 1] = new EquityPoint(timestamp, equity);
            InMarketPoints -= _lastInMarket ? 1 : 0;
        }
        else
        {
            _points.Add(new EquityPoint(timestamp, equity));
        }

        _lastInMarket = inMarket;
        InMarketPoints += inMarket ? 1 : 0;
    }

    /// <summary>E_0 (when started) followed by the points: the series the performance figures are computed over.</summary>
    public IReadOnlyList<EquityPoint> Series() => Origin is { } origin ? [origin, .. _points] : _points;
}
