using System.Globalization;
using System.Net;
using System.Text;
using Bourse.Cli.Backtest;
using Bourse.Engine.Backtesting;

namespace Bourse.Cli.Reports;

/// <summary>
/// One self-contained HTML page for a backtest: what was run, the statistics table, the equity and drawdown chart
/// embedded as a PNG data URI, and the trade list. No external script, style sheet or image.
/// </summary>
internal static class HtmlReport
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
        table { border-collapse: collapse; margin-bottom: 2rem; }
        th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        img { max-width: 100%; }
        """;

    /// <summary>Builds the page.</summary>
    /// <param name="request">The backtest that ran.</param>
    /// <param name="parameters">The bound strategy parameters.</param>
    /// <param name="report">Its result.</param>
    /// <param name="chartPng">The chart of <see cref="EquityChart"/>.</param>
    public static string Build(BacktestRequest request, IReadOnlyDictionary<string, object?> parameters, BacktestReport report, byte[] chartPng)
    {
        var title = $"{request.StrategyName} on {string.Join(", ", request.Instruments.Select(i => i.Id))}";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Encode(title)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(Encode(title)).Append("</h1>\n")
            .Append("<p>Data: ").Append(Encode(request.DataPath)).Append(". Parameters: ")
            .Append(Encode(string.Join(", ", parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}"))))).Append(".</p>\n");

        html.Append("<h2>Statistics</h2>\n<table id=\"statistics\">\n");
        foreach (var row in StatisticRows.Of(request, report))
        {
            html.Append("<tr><th>").Append(Encode(row.Label)).Append("</th><td class=\"n\">").Append(Encode(row.Value)).Append("</td></tr>\n");
        }

        html.Append("</table>\n<h2>Equity and drawdown</h2>\n<img alt=\"Equity curve and drawdown\" src=\"data:image/png;base64,")
            .Append(Convert.ToBase64String(chartPng)).Append("\">\n");

        html.Append("<h2>Trades</h2>\n<table id=\"trades\">\n<tr><th>Time (UTC)</th><th>Order</th><th>Trade</th><th>Instrument</th><th>Side</th><th>Price</th><th>Quantity</th><th>Commission</th></tr>\n");
        foreach (var f in report.Fills)
        {
            html.Append("<tr><td>").Append(f.Timestamp.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Encode(f.OrderId.Value))
                .Append("</td><td>").Append(Encode(f.TradeId.Value))
                .Append("</td><td>").Append(Encode(f.Instrument.ToString()))
                .Append("</td><td>").Append(f.Side.ToString().ToLowerInvariant())
                .Append("</td><td class=\"n\">").Append(f.FillPrice.Value.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td class=\"n\">").Append(f.FillQuantity.Value.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td class=\"n\">").Append(f.Commission.Amount.ToString(CultureInfo.InvariantCulture))
                .Append("</td></tr>\n");
        }

        return html.Append("</table>\n</body>\n</html>\n").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
