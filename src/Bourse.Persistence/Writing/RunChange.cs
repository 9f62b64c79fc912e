using Bourse.Persistence.Entities;

namespace Bourse.Persistence.Writing;

/// <summary>
/// What one batch changes in a run row: the run events of the batch folded in their order (the last value wins, except
/// <see cref="EndTime"/> which keeps the first one stored and <see cref="ErrorCount"/> which only grows). Null fields
/// leave their column as it is. <see cref="ApplyTo"/> and the stores' UPDATE statements apply exactly these rules.
/// </summary>
public sealed class RunChange
{
    /// <summary>New status (running, stopped, error, completed), or null.</summary>
    public string? Status { get; set; }

    /// <summary>Why the run stopped, or null.</summary>
    public string? StopReason { get; set; }

    /// <summary>New trading state of the run's risk engine (active, reducing, halted), or null.</summary>
    public string? TradingState { get; set; }

    /// <summary>Why the trading state changed (stored with <see cref="TradingState"/>).</summary>
    public string? TradingStateReason { get; set; }

    /// <summary>End time (UTC, wall clock), stored only when the row has none yet.</summary>
    public DateTime? EndTime { get; set; }

    /// <summary>The strategy's saved state (JSON of its values), or null.</summary>
    public string? StrategyState { get; set; }

    /// <summary>When <see cref="StrategyState"/> was saved, UTC (run clock).</summary>
    public DateTime? StrategyStateSavedAt { get; set; }

    /// <summary>Strategy errors so far; the stored count becomes the larger of both.</summary>
    public int? ErrorCount { get; set; }

    /// <summary>The last strategy error, or null.</summary>
    public string? LastError { get; set; }

    /// <summary>Realized P&amp;L, account currency.</summary>
    public decimal? RealizedPnl { get; set; }

    /// <summary>Unrealized P&amp;L, account currency.</summary>
    public decimal? UnrealizedPnl { get; set; }

    /// <summary>Equity minus starting cash, account currency.</summary>
    public decimal? ProfitLoss { get; set; }

    /// <summary>P&amp;L of the current trading day, account currency.</summary>
    public decimal? DailyPnl { get; set; }

    /// <summary>The engine's counters and resource use from the last metrics sample of the batch, or null.</summary>
    public RunMetricsSampled? Metrics { get; set; }

    /// <summary>Raises <see cref="ErrorCount"/> to <paramref name="count"/> if it is larger.</summary>
    public void RaiseErrorCount(int count) => ErrorCount = Math.Max(ErrorCount ?? 0, count);

    /// <summary>Applies the change to a loaded row, as the stores' UPDATE does.</summary>
    public void ApplyTo(RunEntity run)
    {
        run.Status = Status ?? run.Status;
        run.StopReason = StopReason ?? run.StopReason;
        run.TradingState = TradingState ?? run.TradingState;
        run.TradingStateReason = TradingStateReason ?? run.TradingStateReason;
        run.EndTime ??= EndTime;
        run.ErrorCount = Math.Max(run.ErrorCount, ErrorCount ?? 0);
        run.LastError = LastError ?? run.LastError;
        run.StrategyState = StrategyState ?? run.StrategyState;
        run.StrategyStateSavedAt = StrategyStateSavedAt ?? run.StrategyStateSavedAt;
        if (Metrics is { } metrics)
        {
            var s = metrics.Statistics;
            run.TotalSignals = s.TotalSignals;
            run.ExecutedSignals = s.ExecutedSignals;
            run.BuySignals = s.BuySignals;
            run.SellSignals = s.SellSignals;
            run.HoldSignals = s.HoldSignals;
            run.TotalOrders = s.TotalOrders;
            run.FilledOrders = s.FilledOrders;
            run.RejectedOrders = s.RejectedOrders;
            run.TotalTrades = s.TotalTrades;
            run.CpuUsage = metrics.CpuUsagePercent;
            run.MemoryUsage = metrics.AllocatedBytes;
            run.StatisticsJson = RunStatisticsJson.Serialize(s);
        }

        run.RealizedPnl = RealizedPnl ?? run.RealizedPnl;
        run.UnrealizedPnl = UnrealizedPnl ?? run.UnrealizedPnl;
        run.ProfitLoss = ProfitLoss ?? run.ProfitLoss;
        run.DailyPnl = DailyPnl ?? run.DailyPnl;
    }
}
