using Bourse.Engine.Backtesting;

namespace Bourse.Engine.Statistics;

/// <summary>
/// The equity curve sampled at every bar close time: one point per distinct timestamp (several instruments closing
/// at the same time update the same point, which ends with the equity after the last of them).
/// </summary>
internal sealed class EquityCurve
{
    private readonly List<EquityPoint> _points = [];

    public IReadOnlyList<EquityPoint> Points => _points;

    /// <summary>Records equity at <paramref name="timestamp"/>; replaces the last point when it has the same time.</summary>
    public void Record(DateTime timestamp, decimal equity)
    {
        var n = _points.Count;
        if (n > 0 && _points[n - 1].Timestamp == timestamp)
        {
            _points[n - 1] = new EquityPoint(timestamp, equity);
        }
        else
        {
            _points.Add(new EquityPoint(timestamp, equity));
        }
    }
}
