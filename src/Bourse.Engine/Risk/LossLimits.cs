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
        PeakEquity = equity;
        LossToday = 0m;
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

        LossToday = DayStartEquity - equity;
        if (equity > PeakEquity)
        {
            PeakEquity = equity;
        }

        if (settings.DailyLossLimit is { } max && !DailyLossBreached && LossToday >= max)
        {
            DailyLossBreached = true;
            return (settings.DailyLossAction, $"daily loss limit {Invariant.Num(max)} {currency} reached (loss today {Invariant.Num(LossToday)} {currency}, since the trading day began at {DayStart:yyyy-MM-dd HH:mm} UTC)");
        }

        var drawdown = PeakEquity - equity;
        if (settings.MaxDrawdownPct is { } pct && !DrawdownBreached && drawdown > 0m && drawdown >= PeakEquity * pct)
        {
            DrawdownBreached = true;
            return (settings.DrawdownAction, $"max drawdown {Invariant.Percent(pct)} reached (equity {Invariant.Num(equity)} {currency} is {Invariant.Percent(drawdown / PeakEquity)} below the day's peak {Invariant.Num(PeakEquity)} {currency})");
        }

        return null;
    }
}
