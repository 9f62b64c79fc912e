using Bourse.Engine.Runs;

namespace Bourse.Engine.Risk;

/// <summary>
/// The daily loss limit. The trading day is the UTC calendar date of the run clock. The day's reference equity is
/// the equity seen at the first observation on a new UTC date (i.e. the previous day's last mark, before the new
/// day's first bar moves prices). When equity has fallen by ≥ the limit since then, the guard halts: exposure-increasing
/// orders are denied until the next UTC date. The halt is announced once (through the callback).
/// </summary>
internal sealed class DailyLossGuard(decimal? limit, string currency, Action<string> onHalt)
{
    private DateTime _day = DateTime.MinValue;

    public decimal? Limit { get; } = limit;

    public decimal DayStartEquity { get; private set; }

    public decimal LossToday { get; private set; }

    public bool IsHalted { get; private set; }

    /// <summary>Rolls the day if the date changed, then checks the loss against the limit.</summary>
    public void Observe(DateTime now, decimal equity)
    {
        if (now.Date != _day)
        {
            _day = now.Date;
            DayStartEquity = equity;
            IsHalted = false;
        }

        LossToday = DayStartEquity - equity;
        if (Limit is { } max && !IsHalted && LossToday >= max)
        {
            IsHalted = true;
            onHalt($"daily loss limit {Invariant.Num(max)} {currency} reached (equity fell {Invariant.Num(LossToday)} {currency} since the start of {_day:yyyy-MM-dd} UTC): orders that increase exposure are denied until the next UTC day");
        }
    }
}
