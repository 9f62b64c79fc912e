using System.Text.Json;
using Bourse.Engine.Backtesting;
using Bourse.Persistence.Entities;
using Bourse.Persistence.Writing;
using Bourse.Server.Runs;

namespace Bourse.Server.Backtests;

/// <summary>Body of <c>POST /api/v1/backtests</c>.</summary>
/// <param name="PluginId">The strategy, a plugin of the catalogue the caller sees.</param>
/// <param name="Symbols">Instrument ids of the server's data files (<c>MarketData:DataPath</c>), e.g. SPY.USA; all quoted in one currency.</param>
/// <param name="Parameters">Parameter values by name (case-insensitive); the rest take their defaults.</param>
/// <param name="StartingCash">Starting cash in the instruments' quote currency (&gt; 0; default <c>Runs:StartingCash</c>).</param>
/// <param name="Risk">Risk settings, as a run's (signals auto-execute unless <c>auto_execute</c> is false).</param>
public sealed record StartBacktestRequest(
    Guid? PluginId,
    IReadOnlyList<string>? Symbols,
    Dictionary<string, JsonElement>? Parameters,
    decimal? StartingCash,
    RiskRequest? Risk);

/// <summary>One fill of a backtest. Price in quote currency, quantity in base units, commission in the account currency, time UTC.</summary>
public sealed record BacktestTradeDto(DateTime Timestamp, string OrderId, string TradeId, string Symbol, string Side, decimal Price, decimal Quantity, decimal Commission)
{
    /// <summary>From the engine's fill.</summary>
    public static BacktestTradeDto From(Bourse.Sdk.Orders.OrderFilled f) => new(
        f.Timestamp, f.OrderId.Value, f.TradeId.Value, f.Instrument.ToString(), f.Side.ToString().ToLowerInvariant(), f.FillPrice.Value, f.FillQuantity.Value, f.Commission.Amount);
}

/// <summary>
/// A finished backtest's report: <c>statistics</c> as a run's stored statistics (counters, P&amp;L, <c>performance</c>,
/// <c>risk</c>; <see cref="RunStatisticsJson"/>), the equity curve (equity at every bar close) and every fill.
/// </summary>
public sealed record BacktestReportDto(JsonElement Statistics, IReadOnlyList<EquityPoint> EquityCurve, IReadOnlyList<BacktestTradeDto> Trades)
{
    /// <summary>From the engine's report.</summary>
    public static BacktestReportDto From(BacktestReport report) => new(
        JsonDocument.Parse(RunStatisticsJson.Serialize(report.Statistics)).RootElement.Clone(), report.EquityCurve, [.. report.Fills.Select(BacktestTradeDto.From)]);
}

/// <summary>A backtest: what runs, its status (running, completed, failed), progress (fraction of bars replayed) and, once ended, its report.</summary>
public sealed record BacktestDto(
    Guid Id, Guid PluginId, string Strategy, string Status, double Progress, int BarCount, IReadOnlyList<string> Symbols,
    JsonElement Parameters, decimal StartingCash, string Currency, decimal FeeBps, string? Error, DateTime CreatedAt, DateTime? EndedAt,
    JsonElement? Report)
{
    /// <summary>From a row; <paramref name="progress"/> is a running backtest's progress from memory.</summary>
    public static BacktestDto From(BacktestEntity e, double? progress, bool withReport) => new(
        e.Id, e.PluginId, e.StrategyName, e.Status, progress ?? e.Progress, e.BarCount, e.Symbols.Split(',', StringSplitOptions.RemoveEmptyEntries),
        JsonDocument.Parse(e.ParametersJson).RootElement.Clone(), e.StartingCash, e.Currency, e.FeeBps, e.Error, e.CreatedAt, e.EndedAt,
        withReport && e.ReportJson is { } report ? JsonDocument.Parse(report).RootElement.Clone() : null);
}

/// <summary>A page of backtests (without their reports).</summary>
public sealed record BacktestPage(IReadOnlyList<BacktestDto> Backtests, int Count, int Limit, int Offset);
