using System.Runtime.CompilerServices;
using Bourse.Engine.Calendars;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Risk;

/// <summary>
/// The daily loss limit and the max drawdown of one run, measured within a trading day, which ends at the session close
/// of the run's calendar (<see cref="RunSettings.Calendar"/>, the one that also annualises its statistics). The day's reference equity is
/// the equity at the first observation of a new trading day (the previous day's last mark, before the new day's first
/// bar moves prices); the drawdown is the fall from the day's peak equity, as a fraction of that peak. Each limit
/// reports its breach once per day. O(1) and allocation-free per observation (the day boundary is cached).
/// </summary>
internal sealed class LossLimits(RiskSettings settings, ITradingCalendar calendar)
{
    private DateTime _dayEnd = DateTime.MinValue;

    /// <summary>The equity at or below which the daily loss limit is reached: DayStartEquity − DailyLossLimit (MinValue without a limit).</summary>
    private decimal _lossFloor = decimal.MinValue;

    /// <summary>The equity at or below which max drawdown is reached: PeakEquity − PeakEquity × MaxDrawdownPct (MinValue without a limit).</summary>
    private decimal _drawdownFloor = decimal.MinValue;

    /// <summary>The higher of the floors not breached yet today (MinValue when none is left): an equity above it breaches nothing.</summary>
    private decimal _watchFloor = decimal.MinValue;

    /// <summary>True when a limit is configured (without one an observation does nothing).</summary>
    private readonly bool _watching = settings.DailyLossLimit is not null || settings.MaxDrawdownPct is not null;

    /// <summary>When the current trading day began (UTC).</summary>
    public DateTime DayStart { get; private set; }

    /// <summary>The equity the day's loss is measured from, in the account currency.</summary>
    public decimal DayStartEquity { get; private set; }

    /// <summary>The highest equity observed today, in the account currency.</summary>
    public decimal PeakEquity { get; private set; }

    /// <summary>True once today's loss reached the daily loss limit.</summary>
    public bool DailyLossBreached { get; private set; }

    /// <summary>True once today's drawdown reached the max drawdown.</summary>
    public bool DrawdownBreached { get; private set; }

    /// <summary>Changes whenever a floor or the peak may have changed (a new day, a new peak, a breach): what <see cref="QuietBand"/>, the watched floor and percentage give is valid while it does not.</summary>
    public long Version { get; private set; }

    /// <summary>
    /// The equities <see cref="Observe"/> does nothing for: an equity in (<paramref name="floor"/>, <paramref name="ceiling"/>]
    /// reaches no limit and sets no new peak (without a limit every equity: MinValue, MaxValue). Valid while
    /// <see cref="Version"/> is unchanged.
    /// </summary>
    public void QuietBand(out decimal floor, out decimal ceiling)
    {
        floor = _watching ? _watchFloor : decimal.MinValue;
        ceiling = _watching ? PeakEquity : decimal.MaxValue;
    }

    /// <summary>The equity at or below which the daily loss limit is reached, while it is watched today (else MinValue).</summary>
    public decimal WatchedLossFloor => _watching && !DailyLossBreached ? _lossFloor : decimal.MinValue;

    /// <summary>MaxDrawdownPct while the max drawdown is watched today, else null.</summary>
    public decimal? WatchedDrawdownPct => _watching && !DrawdownBreached ? settings.MaxDrawdownPct : null;

    /// <summary>True when observations move the peak (a limit is configured).</summary>
    public bool TracksPeak => _watching;

    /// <summary>
    /// Observes an equity known to be above every watched floor (a quiet mark): raises the peak to it when it is higher,
    /// as <see cref="Observe"/> would, without checking the floors.
    /// </summary>
    public void RaisePeak(decimal equity)
    {
        if (_watching && equity > PeakEquity)
        {
            SetPeak(equity);
        }
    }

    /// <summary>True when <paramref name="now"/> is past the current trading day (call <see cref="StartDay"/> then).</summary>
    public bool IsNewDay(DateTime now) => now >= _dayEnd;

    /// <summary>Starts the trading day <paramref name="now"/> falls in, with its reference equity; clears the breaches.</summary>
    public void StartDay(DateTime now, decimal equity)
    {
        DayStart = now;
        _dayEnd = calendar.SessionClose(now);
        DayStartEquity = equity;
        _lossFloor = settings.DailyLossLimit is { } max ? equity - max : decimal.MinValue;
        SetPeak(equity);
        DailyLossBreached = false;
        DrawdownBreached = false;
        UpdateWatchFloor();
    }

    /// <summary>
    /// Observes the equity after a mark or a fill (account currency); returns the breach when this observation reaches a
    /// limit not yet breached today, else null. A loss of exactly the limit breaches it; so does a drawdown of exactly
    /// MaxDrawdownPct of the peak (a positive one). Compares the equity with floors computed when the day starts and when
    /// the peak moves, so an observation is a few comparisons.
    /// </summary>
    public (LimitBreachAction Action, string Reason)? Observe(decimal equity, string currency)
    {
        if (!_watching)
        {
            return null;
        }

        if (equity > PeakEquity)
        {
            SetPeak(equity);
        }

        return equity > _watchFloor ? null : Breach(equity, currency); // one comparison on most observations
    }

    /// <summary>The breach of an equity at or below the watched floor, if it reaches a limit not yet breached today (out of line: the per-bar observation keeps a small frame).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private (LimitBreachAction Action, string Reason)? Breach(decimal equity, string currency)
    {
        if (equity <= _lossFloor && !DailyLossBreached && settings.DailyLossLimit is { } max)
        {
            DailyLossBreached = true;
            UpdateWatchFloor();
            return (settings.DailyLossAction, $"daily loss limit {Invariant.Num(max)} {currency} reached (loss today {Invariant.Num(DayStartEquity - equity)} {currency}, since the trading day began at {DayStart:yyyy-MM-dd HH:mm} UTC)");
        }

        if (equity <= _drawdownFloor && !DrawdownBreached && equity < PeakEquity && settings.MaxDrawdownPct is { } pct)
        {
            DrawdownBreached = true;
            UpdateWatchFloor();
            var drawdown = PeakEquity - equity;
            return (settings.DrawdownAction, $"max drawdown {Invariant.Percent(pct)} reached (equity {Invariant.Num(equity)} {currency} is {Invariant.Percent(drawdown / PeakEquity)} below the day's peak {Invariant.Num(PeakEquity)} {currency})");
        }

        return null;
    }

    private void SetPeak(decimal equity)
    {
        PeakEquity = equity;
        _drawdownFloor = settings.MaxDrawdownPct is { } pct ? equity - (equity * pct) : decimal.MinValue;
        UpdateWatchFloor();
    }

    private void UpdateWatchFloor()
    {
        _watchFloor = Math.Max(DailyLossBreached ? decimal.MinValue : _lossFloor, DrawdownBreached ? decimal.MinValue : _drawdownFloor);
        Version++;
    }
}
