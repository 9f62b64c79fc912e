using System.Text.Json;
using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Engine.Statistics;
using Bourse.Persistence.Entities;
using Bourse.Persistence.Writing;

namespace Bourse.Server.Runs;

/// <summary>
/// The <c>risk</c> object of a start request. Money in the account currency; fractions as shares (0.05 = 5 %);
/// null = no limit / default. See <c>RiskSettings</c> for each limit's meaning.
/// </summary>
/// <param name="MaxPositionSize">Largest position value per instrument (&gt; 0).</param>
/// <param name="MaxPositions">Largest number of open positions (≥ 1).</param>
/// <param name="DailyLossLimit">Daily loss (&gt; 0) at which the run moves to <paramref name="DailyLossAction"/>'s state until the next trading day.</param>
/// <param name="PositionSizePct">Share of equity (0..1, &gt; 0) a signal-sized order spends (default 0.1).</param>
/// <param name="AutoExecute">Turn signals into orders (default false).</param>
/// <param name="SignalStrengthThreshold">Minimum strength 0..1 that auto-executes (default 0.5).</param>
/// <param name="MaxOrderQuantity">Largest order quantity, base units (&gt; 0).</param>
/// <param name="MaxOrderNotional">Largest order value (&gt; 0).</param>
/// <param name="EnforceTickAndLot">Deny prices off the tick grid and quantities that are not whole lots (default false).</param>
/// <param name="MaxPositionQuantity">Largest |net quantity| per instrument, base units (&gt; 0).</param>
/// <param name="MaxOpenOrders">Largest number of working orders (≥ 1).</param>
/// <param name="OrderRate">Order rate throttle.</param>
/// <param name="PriceBandPct">Largest distance of a limit price from the last price, a fraction (&gt; 0).</param>
/// <param name="DailyLossAction"><c>reduce</c> (default) or <c>halt</c>.</param>
/// <param name="MaxDrawdownPct">Largest fall from the trading day's peak equity, a fraction in (0, 1).</param>
/// <param name="DrawdownAction"><c>reduce</c> or <c>halt</c> (default).</param>
/// <param name="CircuitBreaker">Per-instrument circuit breaker.</param>
/// <param name="Leverage">Leverage of perpetuals, ≥ 1 and at most each one's max leverage (default 1).</param>
public sealed record RiskRequest(
    decimal? MaxPositionSize = null,
    int? MaxPositions = null,
    decimal? DailyLossLimit = null,
    decimal? PositionSizePct = null,
    bool? AutoExecute = null,
    double? SignalStrengthThreshold = null,
    decimal? MaxOrderQuantity = null,
    decimal? MaxOrderNotional = null,
    bool? EnforceTickAndLot = null,
    decimal? MaxPositionQuantity = null,
    int? MaxOpenOrders = null,
    OrderRateRequest? OrderRate = null,
    decimal? PriceBandPct = null,
    LimitBreachAction? DailyLossAction = null,
    decimal? MaxDrawdownPct = null,
    LimitBreachAction? DrawdownAction = null,
    CircuitBreakerRequest? CircuitBreaker = null,
    decimal? Leverage = null);

/// <summary>The <c>risk.order_rate</c> object: at most <paramref name="MaxOrders"/> orders per <paramref name="WindowSeconds"/> of run time.</summary>
/// <param name="MaxOrders">Orders per window (≥ 1).</param>
/// <param name="WindowSeconds">The window, seconds (&gt; 0).</param>
public sealed record OrderRateRequest(int? MaxOrders, double? WindowSeconds);

/// <summary>The <c>risk.circuit_breaker</c> object.</summary>
/// <param name="MovePct">The move that trips, a fraction (&gt; 0).</param>
/// <param name="WindowSeconds">How far back the move is measured, seconds (&gt; 0).</param>
/// <param name="CooldownSeconds">How long the instrument stays halted, seconds (&gt; 0).</param>
public sealed record CircuitBreakerRequest(decimal? MovePct, double? WindowSeconds, double? CooldownSeconds);

/// <summary>Body of <c>POST /api/v1/strategies/start</c>.</summary>
/// <param name="PluginId">The strategy.</param>
/// <param name="ConfigId">A saved parameter set (one version) of that plugin: the run uses exactly its parameters, so <paramref name="Parameters"/> must then be empty.</param>
/// <param name="Symbols">Instrument ids the feed publishes, e.g. BTCUSD.COINBASE.</param>
/// <param name="Parameters">Parameter values by name (case-insensitive).</param>
/// <param name="Risk">Risk settings.</param>
/// <param name="Broker">The configured broker account to trade through (<c>Brokers:Alpaca:&lt;name&gt;</c>); null trades on the simulated exchange (paper).</param>
/// <param name="StartingCash">Starting paper cash in the account currency (&gt; 0; default <c>Runs:StartingCash</c>).</param>
public sealed record StartRunRequest(
    Guid? PluginId,
    Guid? ConfigId,
    IReadOnlyList<string>? Symbols,
    Dictionary<string, JsonElement>? Parameters,
    RiskRequest? Risk,
    string? Broker = null,
    decimal? StartingCash = null);

/// <summary>Answer of a start.</summary>
public sealed record StartedRun(Guid RunId, Guid PluginId);

/// <summary>A run's status. Money in the account currency. Counters as of the run's last metrics sample (every
/// <c>Runs:TickInterval</c>, and at the stop); the run's topics carry each fill and signal as it happens.</summary>
/// <param name="TotalSignals">Signals recorded.</param>
/// <param name="TotalTrades">Fills (executions): a market maker's every bid or ask hit counts, opening fills included.</param>
/// <param name="ClosedTrades">Fills that reduced a position and so realized P&amp;L (what <c>GET /stats</c> calls closed_trades); 0 for a run stored before statistics were kept.</param>
/// <param name="CpuUsage">Percent (0..100) of one core's time the run's event loop spent processing since the start.</param>
/// <param name="MemoryUsage">Bytes allocated on the run's loop thread while processing, since the start.</param>
/// <param name="ConfigId">The saved parameter set the run started from, or null.</param>
/// <param name="ConfigVersion">That parameter set's version, or null.</param>
/// <param name="Parameters">Every parameter the strategy was bound with.</param>
/// <param name="TradingState">What orders the run may send now: active, reducing (only orders that shrink a position) or halted (loss limit, kill switch).</param>
/// <param name="TradingStateReason">Why the run is in that state (the last change's reason), or null while it never changed.</param>
/// <param name="DailyPnl">Equity minus the equity when the current trading day began.</param>
/// <param name="StartingCash">The paper cash the run started with.</param>
/// <param name="Currency">The account currency (of every money figure of the run).</param>
/// <param name="Risk">The risk settings the run enforces (limits, loss and drawdown actions, circuit breaker, leverage), as the engine holds them.</param>
/// <param name="StopReason">Why the run ended, or null while it runs.</param>
/// <param name="LiveStrategyId">The live strategy this run is a start of, or null for a run started directly.</param>
public sealed record RunStatusDto(
    Guid RunId, Guid PluginId, string Status, DateTime StartTime, DateTime? EndTime, IReadOnlyList<string> Symbols,
    int TotalSignals, int TotalTrades, int ClosedTrades, int ErrorCount, decimal ProfitLoss, double CpuUsage, long MemoryUsage, string? LastError,
    Guid? ConfigId, int? ConfigVersion, JsonElement Parameters,
    string TradingState, string? TradingStateReason, decimal DailyPnl, decimal StartingCash, string Currency, JsonElement Risk,
    string? StopReason, Guid? LiveStrategyId)
{
    /// <summary>From a row.</summary>
    public static RunStatusDto From(RunEntity r) => new(
        r.Id, r.PluginId, r.Status, r.StartTime, r.EndTime, r.Symbols.Split(',', StringSplitOptions.RemoveEmptyEntries),
        r.TotalSignals, r.TotalTrades, ClosedTradesOf(r), r.ErrorCount, r.ProfitLoss, r.CpuUsage, r.MemoryUsage, r.LastError,
        r.ConfigId, r.ConfigVersion, JsonDocument.Parse(r.ParametersJson).RootElement.Clone(),
        r.TradingState, r.TradingStateReason, r.DailyPnl, r.StartingCash, r.Currency, JsonDocument.Parse(r.RiskJson).RootElement.Clone(),
        r.StopReason, r.LiveStrategyId);

    /// <summary>A row's closed trades (fills that reduced a position) from its stored statistics; 0 for a row stored before they were kept.</summary>
    public static int ClosedTradesOf(RunEntity r) => RunStatisticsJson.Deserialize(r.StatisticsJson)?.ClosedTrades ?? 0;
}

/// <summary>
/// A run's statistics: the engine's counters, P&amp;L, performance figures and risk decisions, the same figures a
/// backtest report's <c>statistics</c> holds. Money in the account currency; ratios as fractions (0.05 = 5 %);
/// durations as <c>d.hh:mm:ss</c>; annualised figures on the run's trading calendar.
/// </summary>
/// <param name="Live">True when computed just now by the running run; false for the sample stored at the run's end (or the last one stored).</param>
/// <param name="TotalSignals">Signals recorded.</param>
/// <param name="ExecutedSignals">Signals that produced an order.</param>
/// <param name="BuySignals">Buy signals.</param>
/// <param name="SellSignals">Sell signals.</param>
/// <param name="HoldSignals">Hold signals.</param>
/// <param name="ErrorCount">Strategy exceptions.</param>
/// <param name="TotalOrders">Orders submitted (rejected included).</param>
/// <param name="FilledOrders">Orders completely filled.</param>
/// <param name="RejectedOrders">Orders rejected by risk or the venue.</param>
/// <param name="TotalTrades">Fills.</param>
/// <param name="ClosedTrades">Fills that reduced a position.</param>
/// <param name="RealizedPnl">Realized P&amp;L before commissions.</param>
/// <param name="UnrealizedPnl">Unrealized P&amp;L at the last price.</param>
/// <param name="Commissions">Fees paid.</param>
/// <param name="NetPnl">Equity minus starting cash.</param>
/// <param name="Performance">Total return, CAGR, volatility, Sharpe, Sortino, Calmar, max drawdown and its duration, win rate, profit factor, expectancy, average win/loss, exposure, turnover; null for a run stored before statistics were kept.</param>
/// <param name="Risk">Risk decisions: denials by check, state changes, circuit breakers, kill switches, margin calls, the state now; null as <paramref name="Performance"/>.</param>
public sealed record RunStatsDto(
    bool Live,
    int TotalSignals, int ExecutedSignals, int BuySignals, int SellSignals, int HoldSignals, int ErrorCount,
    int TotalOrders, int FilledOrders, int RejectedOrders, int TotalTrades, int ClosedTrades,
    decimal RealizedPnl, decimal UnrealizedPnl, decimal Commissions, decimal NetPnl,
    PerformanceStatistics? Performance, RiskStatistics? Risk)
{
    /// <summary>From the engine's statistics.</summary>
    public static RunStatsDto From(RunStatistics s, bool live) => new(
        live, s.TotalSignals, s.ExecutedSignals, s.BuySignals, s.SellSignals, s.HoldSignals, s.ErrorCount,
        s.TotalOrders, s.FilledOrders, s.RejectedOrders, s.TotalTrades, s.ClosedTrades,
        s.RealizedPnl, s.UnrealizedPnl, s.Commissions, s.NetPnl, s.Performance, s.Risk);

    /// <summary>From a row: its stored statistics, else (a row stored before they were kept) its counters alone.</summary>
    public static RunStatsDto From(RunEntity r) => RunStatisticsJson.Deserialize(r.StatisticsJson) is { } stored
        ? From(stored, live: false)
        : new(
            false, r.TotalSignals, r.ExecutedSignals, r.BuySignals, r.SellSignals, r.HoldSignals, r.ErrorCount,
            r.TotalOrders, r.FilledOrders, r.RejectedOrders, r.TotalTrades, 0,
            r.RealizedPnl, r.UnrealizedPnl, r.RealizedPnl + r.UnrealizedPnl - r.ProfitLoss, r.ProfitLoss, null, null);
}

/// <summary>A page of runs.</summary>
public sealed record RunPage(IReadOnlyList<RunStatusDto> Runs, int Count, int Limit, int Offset);

/// <summary>A page of a run's rows (signals, orders, trades, positions or logs).</summary>
public sealed record RowPage<T>(IReadOnlyList<T> Items, int Count, int Limit, int Offset);

/// <summary>A signal row.</summary>
public sealed record SignalDto(long SignalId, string SignalType, string Symbol, string Venue, double Strength, decimal? Price, decimal? Quantity, bool Executed, string? OrderId, string? Reason, JsonElement? Metadata, DateTime Timestamp);

/// <summary>An order row.</summary>
public sealed record OrderDto(string OrderId, string Symbol, string Side, string OrderType, string TimeInForce, decimal Quantity, decimal? LimitPrice, string Status, decimal FilledQuantity, decimal? AverageFillPrice, string? Reason, string? Tag, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A fill row.</summary>
public sealed record TradeDto(string TradeId, string OrderId, string Symbol, string Side, decimal Price, decimal Quantity, decimal Commission, string CommissionCurrency, bool IsMaker, DateTime Timestamp);

/// <summary>A position row.</summary>
public sealed record PositionDto(string Symbol, decimal NetQuantity, decimal AveragePrice, decimal LastPrice, decimal RealizedPnl, decimal UnrealizedPnl, decimal Commissions, DateTime UpdatedAt);

/// <summary>An execution log row.</summary>
public sealed record LogDto(string Level, string Source, string Message, DateTime Timestamp);
