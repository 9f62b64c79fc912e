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

    /// <summary>PeakEquity × MaxDrawdownPct, recomputed when the peak moves.</summary>
    private decimal _drawdownLimit;

    /// <summary>The equity of the last observation, when it found no breach (the same equity again finds none either).</summary>
    private decimal? _quietEquity;

    public DateTime DayStart { get; private set; }

    public decimal DayStartEquity { get; private set; }

    public decimal PeakEquity { get; private set; }

    public decimal LossToday { get; private set; }

    public bool DailyLossBreached { get; private set; }

    public bool DrawdownBreached { get; private set; }

    /// <summary>True when <paramref name="now"/> is past the current trading day (call <see cref="StartDay"/> then).</summary>
    public bool IsNewDay(DateTime now) => now >= _dayEnd;

    /// <summary>Starts the trading day <paramref name="now"/> falls in, with its reference equity; clears the breaches.</summary>
    public void StartDay(DateTime now, decimal equity)
    {
        DayStart = now;
        _dayEnd = calendar.SessionClose(now);
        DayStartEquity = equity;
        SetPeak(equity);
        LossToday = 0m;
        _quietEquity = null;
        DailyLossBreached = false;
        DrawdownBreached = false;
    }

    /// <summary>Updates the day's figures with the equity now; returns the breach found by this observation (at most one per call), or null.</summary>
    public (LimitBreachAction Action, string Reason)? Observe(decimal equity, string currency)
    {
        if (settings.DailyLossLimit is null && settings.MaxDrawdownPct is null)
        {
            return null; // no limit to watch
        }

        if (_quietEquity == equity)
        {
            return null; // a flat account between fills: same figures as the last observation
        }

        LossToday = DayStartEquity - equity;
        if (equity > PeakEquity)
        {
            SetPeak(equity);
        }

        if (settings.DailyLossLimit is { } max && !DailyLossBreached && LossToday >= max)
        {
            DailyLossBreached = true;
            _quietEquity = null;
            return DailyLossBreach(max, currency);
        }

        _quietEquity = equity;
        if (settings.MaxDrawdownPct is not { } pct || DrawdownBreached)
        {
            return null;
        }

        var drawdown = PeakEquity - equity;
        if (drawdown > 0m && drawdown >= _drawdownLimit)
        {
            DrawdownBreached = true;
            _quietEquity = null;
            return DrawdownBreach(pct, equity, drawdown, currency);
        }

        return null;
    }

    // The breaches build their reasons out of line, so the per-bar observation keeps a small stack frame.
    private (LimitBreachAction Action, string Reason) DailyLossBreach(decimal max, string currency) =>
        (settings.DailyLossAction, $"daily loss limit {Invariant.Num(max)} {currency} reached (loss today {Invariant.Num(LossToday)} {currency}, since the trading day began at {DayStart:yyyy-MM-dd HH:mm} UTC)");

    private (LimitBreachAction Action, string Reason) DrawdownBreach(decimal pct, decimal equity, decimal drawdown, string currency) =>
        (settings.DrawdownAction, $"max drawdown {Invariant.Percent(pct)} reached (equity {Invariant.Num(equity)} {currency} is {Invariant.Percent(drawdown / PeakEquity)} below the day's peak {Invariant.Num(PeakEquity)} {currency})");

    private void SetPeak(decimal equity)
    {
        PeakEquity = equity;
        _drawdownLimit = settings.MaxDrawdownPct is { } pct ? equity * pct : 0m;
    }
}
