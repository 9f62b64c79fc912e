using Bourse.Cli.Backtest;
using Bourse.Engine.Backtesting;

namespace Bourse.Cli.Reports;

/// <summary>
/// Writes the report files of a backtest into one folder (created when missing; existing files of the same names
/// are replaced): <see cref="Json"/>, <see cref="Trades"/>, <see cref="Chart"/> and <see cref="Html"/>.
/// </summary>
internal static class ReportFolder
{
    /// <summary>The JSON report (<see cref="BacktestReportDocument"/>).</summary>
    public const string Json = "report.json";

    /// <summary>The trade list (<see cref="TradeListCsv"/>).</summary>
    public const string Trades = "trades.csv";

    /// <summary>The equity and drawdown chart (<see cref="EquityChart"/>).</summary>
    public const string Chart = "equity.png";

    /// <summary>The self-contained HTML report (<see cref="HtmlReport"/>).</summary>
    public const string Html = "report.html";

    /// <summary>Writes the four files into <paramref name="folder"/>.</summary>
    public static async Task WriteAsync(string folder, BacktestRequest request, IReadOnlyDictionary<string, object?> parameters, BacktestReport report, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        await BacktestReportDocument.From(request, parameters, report).WriteAsync(Path.Combine(folder, Json), cancellationToken);
        await TradeListCsv.WriteAsync(Path.Combine(folder, Trades), report.Fills, cancellationToken);
        var chart = EquityChart.Png([new EquityPoint(request.Bars[0].OpenTime, request.StartingCash), .. report.EquityCurve], request.Currency);
        await File.WriteAllBytesAsync(Path.Combine(folder, Chart), chart, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, Html), HtmlReport.Build(request, parameters, report, chart), cancellationToken);
    }
}
