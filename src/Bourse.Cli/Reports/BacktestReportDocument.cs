using System.Text.Json;
using System.Text.Json.Serialization;
using Bourse.Cli.Backtest;
using Bourse.Engine.Backtesting;
using Bourse.Engine.Runs;

namespace Bourse.Cli.Reports;

/// <summary>
/// The JSON report (<c>report.json</c>) written by <c>bourse backtest --output</c>: what was run, the statistics
/// (counters, P&amp;L and the <c>performance</c> figures), every trade (fill) and the equity curve. Money in the account currency, prices in quote currency, quantities in base units,
/// times in UTC (ISO 8601).
/// </summary>
internal sealed record BacktestReportDocument(
    string Strategy,
    IReadOnlyDictionary<string, object?> Parameters,
    IReadOnlyList<string> Instruments,
    string Data,
    int Bars,
    decimal StartingCash,
    decimal FeeBps,
    string Status,
    RunStatistics Statistics,
    IReadOnlyList<BacktestReportDocument.Trade> Trades,
    IReadOnlyList<EquityPoint> EquityCurve)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>One fill of the backtest.</summary>
    internal sealed record Trade(DateTime Timestamp, string OrderId, string TradeId, string Instrument, string Side, decimal Price, decimal Quantity, decimal Commission);

    /// <summary>Builds the document from a finished backtest.</summary>
    public static BacktestReportDocument From(BacktestRequest request, IReadOnlyDictionary<string, object?> parameters, BacktestReport report) => new(
        request.StrategyName,
        parameters,
        [.. request.Instruments.Select(i => i.Id.ToString())],
        request.DataPath,
        request.Bars.Count,
        request.StartingCash,
        request.FeeBps,
        report.Status.ToString().ToLowerInvariant(),
        report.Statistics,
        [.. report.Fills.Select(f => new Trade(
            f.Timestamp, f.OrderId.Value, f.TradeId.Value, f.Instrument.ToString(), f.Side.ToString().ToLowerInvariant(),
            f.FillPrice.Value, f.FillQuantity.Value, f.Commission.Amount))],
        report.EquityCurve);

    /// <summary>Writes the document as indented snake_case JSON (durations as <c>d.hh:mm:ss</c>).</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, Json, cancellationToken);
    }
}
