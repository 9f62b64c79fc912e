using System.Text.Json;
using Bourse.Persistence.Entities;

namespace Bourse.Server.LiveTrading;

/// <summary>
/// Body of <c>POST /api/v1/live-trading/strategies</c> (create: name, plugin_id and symbols required) and of
/// <c>PUT /api/v1/live-trading/strategies/{id}</c> (update: an omitted field keeps its value). Money in the account currency.
/// </summary>
/// <param name="Name">Display name, 1-200 characters, unique among the owner's live strategies.</param>
/// <param name="PluginId">The plugin to run (a built-in or one of the caller's).</param>
/// <param name="Symbols">Instrument ids the feed publishes, e.g. BTCUSD.COINBASE.</param>
/// <param name="CheckInterval">Seconds between evaluations: 60, 300, 900, 1800 or 3600 (default 300).</param>
/// <param name="AutoExecute">Turn signals into orders (default false).</param>
/// <param name="MaxPositionSize">Largest position value per instrument (&gt; 0; default none).</param>
/// <param name="MaxPositions">Largest number of open positions, 1-20 (default 5).</param>
/// <param name="DailyLossLimit">Loss within a trading day (&gt; 0) that halts the strategy until the next trading day (default none).</param>
/// <param name="PositionSizePct">Share of equity a signal-sized order spends, 0.001-0.5 (default 0.1).</param>
/// <param name="SignalStrengthThreshold">Minimum strength 0..1 that auto-executes (default 0.5).</param>
/// <param name="Parameters">The plugin's parameter values by name.</param>
/// <param name="ConfigId">A saved parameter set of the plugin that <paramref name="Parameters"/> override.</param>
public sealed record LiveStrategyRequest(
    string? Name = null,
    Guid? PluginId = null,
    IReadOnlyList<string>? Symbols = null,
    int? CheckInterval = null,
    bool? AutoExecute = null,
    decimal? MaxPositionSize = null,
    int? MaxPositions = null,
    decimal? DailyLossLimit = null,
    decimal? PositionSizePct = null,
    double? SignalStrengthThreshold = null,
    Dictionary<string, JsonElement>? Parameters = null,
    Guid? ConfigId = null);

/// <summary>A live strategy. <paramref name="Running"/>: its run is active in this server now.</summary>
public sealed record LiveStrategyDto(
    Guid Id, string Name, Guid PluginId, IReadOnlyList<string> Symbols, int CheckInterval, bool AutoExecute, decimal? MaxPositionSize,
    int MaxPositions, decimal? DailyLossLimit, decimal PositionSizePct, double SignalStrengthThreshold, JsonElement Parameters, Guid? ConfigId,
    string Status, string? StatusReason, bool Running, Guid? CurrentRunId, DateTime CreatedAt, DateTime UpdatedAt)
{
    /// <summary>From a row and its effective status.</summary>
    public static LiveStrategyDto From(LiveStrategyEntity e, LiveStrategyState state) => new(
        e.Id, e.Name, e.PluginId, e.Symbols.Split(',', StringSplitOptions.RemoveEmptyEntries), e.CheckInterval, e.AutoExecute, e.MaxPositionSize,
        e.MaxPositions, e.DailyLossLimit, e.PositionSizePct, e.SignalStrengthThreshold, JsonDocument.Parse(e.ParametersJson).RootElement.Clone(), e.ConfigId,
        state.Status, state.Reason, state.Running, e.CurrentRunId, e.CreatedAt, e.UpdatedAt);
}

/// <summary>A page of live strategies.</summary>
public sealed record LiveStrategyPage(IReadOnlyList<LiveStrategyDto> Strategies, int Count, int Limit, int Offset);

/// <summary>The latest run of a live strategy: its trading state (active, reducing, halted) and P&amp;L, refreshed about every second.</summary>
/// <param name="DailyPnl">Equity minus the equity when the current trading day began.</param>
/// <param name="ProfitLoss">Equity minus starting cash.</param>
public sealed record LiveRunDto(
    Guid RunId, string Status, string TradingState, string? TradingStateReason, decimal DailyPnl, decimal ProfitLoss,
    int TotalSignals, int ExecutedSignals, int TotalTrades, DateTime StartTime, DateTime? EndTime, string? StopReason)
{
    /// <summary>From a run row.</summary>
    public static LiveRunDto From(RunEntity r) => new(
        r.Id, r.Status, r.TradingState, r.TradingStateReason, r.DailyPnl, r.ProfitLoss, r.TotalSignals, r.ExecutedSignals, r.TotalTrades,
        r.StartTime, r.EndTime, r.StopReason);
}

/// <summary>Answer of <c>GET .../strategies/{id}/status</c>.</summary>
public sealed record LiveStrategyStatusDto(LiveStrategyDto Strategy, bool Running, LiveRunDto? Run, IReadOnlyList<LiveSignalDto> RecentSignals);

/// <summary>A signal of a live strategy: what it recommended, the indicator values it was decided on, and what became of it.</summary>
/// <param name="Executed">True when it produced an order (<paramref name="OrderId"/>); else <paramref name="Reason"/> says why not.</param>
public sealed record LiveSignalDto(
    Guid StrategyId, Guid RunId, long SignalId, string SignalType, string Symbol, double Strength, decimal? Price, decimal? Quantity,
    bool Executed, string? OrderId, string? Reason, JsonElement? Indicators, JsonElement? Metadata, DateTime Timestamp);

/// <summary>A page of signals.</summary>
public sealed record LiveSignalPage(IReadOnlyList<LiveSignalDto> Signals, int Count, int Limit, int Offset);

/// <summary>An open position of a live strategy's latest run.</summary>
public sealed record LivePositionDto(
    Guid StrategyId, string StrategyName, Guid RunId, string Symbol, decimal NetQuantity, decimal AveragePrice, decimal LastPrice,
    decimal RealizedPnl, decimal UnrealizedPnl, DateTime UpdatedAt);

/// <summary>
/// The live-trading dashboard of the caller. Today = since 00:00 UTC of the market feed's clock. Money in the account currency.
/// </summary>
/// <param name="ActiveStrategies">Strategies whose run is active now (running or paused).</param>
/// <param name="TotalStrategies">All the caller's live strategies.</param>
/// <param name="SignalsToday">Signals of live strategies today.</param>
/// <param name="TradesToday">Fills of live strategies today.</param>
/// <param name="DailyPnl">Sum of the active strategies' P&amp;L since their trading day began.</param>
/// <param name="TotalPnl">Sum of the net P&amp;L of every run of every live strategy.</param>
/// <param name="OpenPositions">Open positions of the strategies' latest runs.</param>
public sealed record LiveDashboardDto(
    int ActiveStrategies, int TotalStrategies, int SignalsToday, int TradesToday, decimal DailyPnl, decimal TotalPnl, int OpenPositions);
