using Bourse.Engine.Accounting;
using Bourse.Engine.Backtesting;
using Bourse.Engine.Calendars;

namespace Bourse.Engine.Statistics;

/// <summary>
/// The equity curve, one point per sample period of <see cref="EquitySampling"/>: per bar close time, or per trading
/// day of the run's calendar (then from every mark: bar closes and trades). Marks falling in the period of the last point replace it, so a point ends with the equity
/// after the last mark of its period (several instruments closing at the same time update the same point). Also keeps
/// what the performance figures need besides the points: the starting equity, the sample period and how many points
/// had an open position. Recording a mark inside the current period allocates nothing.
/// </summary>
internal sealed class EquityCurve(EquitySampling sampling, ITradingCalendar calendar)
{
    private readonly List<EquityPoint> _points = [];
    private DateTime _periodEnd = DateTime.MinValue;
    private bool _lastInMarket;

    // The last point's mark when recorded deferred: its equity is _deferredLine at _deferredPrice.
    private bool _deferred;
    private DateTime _deferredTime;
    private EquityLine _deferredLine;
    private decimal _deferredPrice;

    /// <summary>The points, oldest first.</summary>
    public IReadOnlyList<EquityPoint> Points
    {
        get
        {
            Settle();
            return _points;
        }
    }

    /// <summary>The equity when the run started (E_0), or null before the start.</summary>
    public EquityPoint? Origin { get; private set; }

    /// <summary>The smallest bar period recorded, or null before the first bar.</summary>
    public TimeSpan? BarPeriod { get; private set; }

    /// <summary>The period between two points (what annualises the statistics): the bar period, or one day when sampled per trading day; null before the first bar.</summary>
    public TimeSpan? SamplePeriod => sampling == EquitySampling.TradingDay && (BarPeriod ?? TimeSpan.Zero) < TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : BarPeriod;

    /// <summary>Points at which at least one position was open.</summary>
    public int InMarketPoints { get; private set; }

    /// <summary>Sets the starting equity E_0.</summary>
    public void Start(DateTime timestamp, decimal equity) => Origin = new EquityPoint(timestamp, equity);

    /// <summary>True when a mark at <paramref name="time"/> would start a new point: the last point is final.</summary>
    public bool IsPastLastPoint(DateTime time) => time > _periodEnd;

    /// <summary>Records equity at <paramref name="timestamp"/>; replaces the last point when it falls in the same sample period.</summary>
    /// <param name="timestamp">The time of the mark (a bar's close, a trade's timestamp).</param>
    /// <param name="equity">Equity after the mark.</param>
    /// <param name="barPeriod">The bar's period, or null for a trade.</param>
    /// <param name="inMarket">Whether at least one position is open.</param>
    public void Record(DateTime timestamp, decimal equity, TimeSpan? barPeriod, bool inMarket)
    {
        Place(timestamp, barPeriod, inMarket);
        _deferred = false;
        _points[^1] = new EquityPoint(timestamp, equity);
    }

    /// <summary>
    /// Records the equity <paramref name="line"/> gives at <paramref name="price"/> like <see cref="Record"/>, valued
    /// only when the point is read or final: most marks are replaced by the next one in the same period unvalued.
    /// </summary>
    public void RecordDeferred(DateTime timestamp, in EquityLine line, decimal price, TimeSpan? barPeriod, bool inMarket)
    {
        Place(timestamp, barPeriod, inMarket);
        _deferred = true;
        _deferredTime = timestamp;
        _deferredLine = line;
        _deferredPrice = price;
    }

    /// <summary>Moves to the point of <paramref name="timestamp"/>'s period (a new one, the last one valued first, or the last one again).</summary>
    private void Place(DateTime timestamp, TimeSpan? barPeriod, bool inMarket)
    {
        if (barPeriod is { } span && (BarPeriod is not { } period || span < period))
        {
            BarPeriod = span;
        }

        if (IsPastLastPoint(timestamp))
        {
            Settle();
            _points.Add(default);
            _periodEnd = sampling == EquitySampling.TradingDay ? calendar.SessionClose(timestamp.AddTicks(-1)) : timestamp;
        }
        else
        {
            InMarketPoints -= _lastInMarket ? 1 : 0;
        }

        _lastInMarket = inMarket;
        InMarketPoints += inMarket ? 1 : 0;
    }

    /// <summary>Values the last point when it was recorded deferred.</summary>
    private void Settle()
    {
        if (_deferred)
        {
            _points[^1] = new EquityPoint(_deferredTime, _deferredLine.At(_deferredPrice));
            _deferred = false;
        }
    }

    /// <summary>E_0 (when started) followed by the points: the series the performance figures are computed over.</summary>
    public IReadOnlyList<EquityPoint> Series() => Origin is { } origin ? [origin, .. Points] : Points;
}
