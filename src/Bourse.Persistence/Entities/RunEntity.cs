namespace Bourse.Persistence.Entities;

/// <summary>
/// One live (paper) run of a strategy (table <c>runs</c>). Counters and P&amp;L are the engine's statistics,
/// refreshed about every second while the run is active and at its stop. Money in the account currency.
/// </summary>
public sealed class RunEntity
{
    /// <summary>The run id.</summary>
    public Guid Id { get; set; }

    /// <summary>The strategy.</summary>
    public Guid PluginId { get; set; }

    /// <summary>The owning user (the one who started it); its signals, orders, fills, positions and logs belong to the same user.</summary>
    public Guid OwnerId { get; set; }

    /// <summary>The saved parameter set the run started from, if any.</summary>
    public Guid? ConfigId { get; set; }

    /// <summary>The version of that parameter set, when the run started from one.</summary>
    public int? ConfigVersion { get; set; }

    /// <summary>The live strategy this run is a start of, if any (see <see cref="LiveStrategyEntity"/>).</summary>
    public Guid? LiveStrategyId { get; set; }

    /// <summary>Seconds of the bars the strategy is evaluated on (the live strategy's check interval), or null for the feed's bars as they come.</summary>
    public int? CheckInterval { get; set; }

    /// <summary>The configured broker account the run trades through (its name in <c>Brokers:Alpaca</c>), or null for the simulated exchange. Never credentials.</summary>
    public string? Broker { get; set; }

    /// <summary>running, stopped, error or completed.</summary>
    public string Status { get; set; } = "running";

    /// <summary>Instrument ids, comma separated (e.g. <c>BTCUSD.COINBASE,ETHUSD.COINBASE</c>).</summary>
    public string Symbols { get; set; } = "";

    /// <summary>Parameter values the strategy was bound with, JSON object.</summary>
    public string ParametersJson { get; set; } = "{}";

    /// <summary>Risk settings, JSON object.</summary>
    public string RiskJson { get; set; } = "{}";

    /// <summary>Starting paper cash.</summary>
    public decimal StartingCash { get; set; }

    /// <summary>Account currency.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>Start time, UTC (wall clock).</summary>
    public DateTime StartTime { get; set; }

    /// <summary>End time, UTC (wall clock); null while running.</summary>
    public DateTime? EndTime { get; set; }

    /// <summary>Why the run stopped.</summary>
    public string? StopReason { get; set; }

    /// <summary>Signals recorded.</summary>
    public int TotalSignals { get; set; }

    /// <summary>Signals that produced an order.</summary>
    public int ExecutedSignals { get; set; }

    /// <summary>Buy signals.</summary>
    public int BuySignals { get; set; }

    /// <summary>Sell signals.</summary>
    public int SellSignals { get; set; }

    /// <summary>Hold signals.</summary>
    public int HoldSignals { get; set; }

    /// <summary>Orders submitted (rejected included).</summary>
    public int TotalOrders { get; set; }

    /// <summary>Orders completely filled.</summary>
    public int FilledOrders { get; set; }

    /// <summary>Orders rejected.</summary>
    public int RejectedOrders { get; set; }

    /// <summary>Fills.</summary>
    public int TotalTrades { get; set; }

    /// <summary>Strategy exceptions.</summary>
    public int ErrorCount { get; set; }

    /// <summary>Realized P&amp;L before commissions.</summary>
    public decimal RealizedPnl { get; set; }

    /// <summary>Unrealized P&amp;L at the last price.</summary>
    public decimal UnrealizedPnl { get; set; }

    /// <summary>Net P&amp;L: equity minus starting cash.</summary>
    public decimal ProfitLoss { get; set; }

    /// <summary>Percent (0..100) of one core's time the run's event loop spent processing since the start.</summary>
    public double CpuUsage { get; set; }

    /// <summary>Bytes allocated by the run's event loop while processing, since the start.</summary>
    public long MemoryUsage { get; set; }

    /// <summary>The last strategy error, "Callback: Type: message".</summary>
    public string? LastError { get; set; }

    /// <summary>active, reducing or halted: what orders the run may send now (loss limits, kill switch).</summary>
    public string TradingState { get; set; } = "active";

    /// <summary>Why the run is in its trading state (the last change's reason), or null while it never changed.</summary>
    public string? TradingStateReason { get; set; }

    /// <summary>Equity minus the equity when the current trading day began (resets at the session close of the run's calendar).</summary>
    public decimal DailyPnl { get; set; }

    /// <summary>The strategy state last saved (OnSave), a JSON object of text values by key; null when none was saved.</summary>
    public string? StrategyState { get; set; }

    /// <summary>When <see cref="StrategyState"/> was saved, UTC (run clock).</summary>
    public DateTime? StrategyStateSavedAt { get; set; }

    /// <summary>
    /// The engine's full statistics (counters, performance, risk decisions) at the last sample, JSON written by
    /// <see cref="Writing.RunStatisticsJson"/>: refreshed about every second while the run is active and at its stop, so
    /// a stopped run still answers; null until the first sample.
    /// </summary>
    public string? StatisticsJson { get; set; }
}
