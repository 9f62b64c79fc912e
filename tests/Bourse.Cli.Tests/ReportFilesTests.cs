using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Bourse.Cli.Backtest;
using Bourse.Cli.Reports;
using Bourse.Engine.Runs;

namespace Bourse.Cli.Tests;

/// <summary>
/// The report folder of one real backtest (EMA crossover on the SPY minute bars of samples/data): every file exists
/// and is valid, and the statistics agree with an independent recomputation from the report's own equity curve and trades.
/// </summary>
public sealed class ReportFilesTests : IClassFixture<ReportFilesTests.SpyReport>
{
    private readonly SpyReport _spy;

    public ReportFilesTests(SpyReport spy) => _spy = spy;

    /// <summary>Runs the backtest once for every test of the class.</summary>
    public sealed class SpyReport : IAsyncLifetime
    {
        public string Folder { get; } = CliHarness.TempFolder();

        public JsonElement Root => Document!.RootElement;

        public JsonElement Performance => Root.GetProperty("statistics").GetProperty("performance");

        private JsonDocument? Document { get; set; }

        public async Task InitializeAsync()
        {
            var exitCode = await BacktestCommand.RunAsync(
                CliHarness.RecordingConsole().Console, "EMA Crossover", CliHarness.SpyMinuteFolder, [], new Dictionary<string, string>(),
                100_000m, 1m, new RiskSettings(AutoExecute: true, PositionSizePct: 0.1m), Folder, CancellationToken.None);
            Assert.Equal(0, exitCode);
            Document = CliHarness.ReadReport(Folder);
        }

        public Task DisposeAsync()
        {
            Document?.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public void The_json_report_has_every_statistic_and_they_match_a_recomputation_from_its_equity_curve()
    {
        CliHarness.AssertReportConsistent(JsonDocument.Parse(_spy.Root.GetRawText()));
        var p = _spy.Performance;
        foreach (var field in (string[])["total_return", "cagr", "annualized_volatility", "sharpe_ratio", "sortino_ratio", "calmar_ratio", "max_drawdown",
                     "max_drawdown_duration", "win_rate", "profit_factor", "expectancy", "average_win", "average_loss", "exposure", "turnover", "traded_notional", "periods_per_year"])
        {
            Assert.True(p.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null, $"performance.{field} is missing or null");
        }

        // Independent recomputation: 1-minute equity bars, 252 days × 390 minutes a year.
        const double periodsPerYear = 252 * 390;
        Assert.Equal(periodsPerYear, p.GetProperty("periods_per_year").GetDouble());
        var equity = new List<double> { 100_000d };
        equity.AddRange(_spy.Root.GetProperty("equity_curve").EnumerateArray().Select(e => (double)e.GetProperty("equity").GetDecimal()));
        var returns = equity.Zip(equity.Skip(1), (a, b) => (b / a) - 1).ToArray();
        var mean = returns.Average();
        var sd = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (returns.Length - 1));
        var downside = Math.Sqrt(returns.Where(r => r < 0).Sum(r => r * r) / returns.Length);
        Assert.Equal(mean / sd * Math.Sqrt(periodsPerYear), p.GetProperty("sharpe_ratio").GetDouble(), 6);
        Assert.Equal(mean / downside * Math.Sqrt(periodsPerYear), p.GetProperty("sortino_ratio").GetDouble(), 6);
        Assert.Equal(sd * Math.Sqrt(periodsPerYear), p.GetProperty("annualized_volatility").GetDouble(), 9);
        var totalReturn = (equity[^1] / equity[0]) - 1;
        var cagr = Math.Pow(1 + totalReturn, periodsPerYear / returns.Length) - 1;
        Assert.Equal(cagr, p.GetProperty("cagr").GetDouble(), 6);
        Assert.Equal(cagr / (double)p.GetProperty("max_drawdown").GetDecimal(), p.GetProperty("calmar_ratio").GetDouble(), 6);
        Assert.True(TimeSpan.Parse(p.GetProperty("max_drawdown_duration").GetString()!, CultureInfo.InvariantCulture) > TimeSpan.FromHours(1));
        Assert.InRange(p.GetProperty("exposure").GetDouble(), 0.01, 0.99);
        Assert.InRange(p.GetProperty("win_rate").GetDouble(), 0.01, 0.99);
    }

    [Fact]
    public async Task The_trade_list_has_one_row_per_fill_with_its_notional()
    {
        var lines = await File.ReadAllLinesAsync(Path.Combine(_spy.Folder, ReportFolder.Trades));
        Assert.Equal(string.Join(',', TradeListCsv.Columns), lines[0]);
        var trades = _spy.Root.GetProperty("trades").EnumerateArray().ToList();
        Assert.Equal(trades.Count + 1, lines.Length);
        var notional = 0m;
        for (var i = 0; i < trades.Count; i++)
        {
            var cells = lines[i + 1].Split(',');
            Assert.Equal(trades[i].GetProperty("trade_id").GetString(), cells[2]);
            Assert.Equal(trades[i].GetProperty("side").GetString(), cells[4]);
            var price = decimal.Parse(cells[5], CultureInfo.InvariantCulture);
            var quantity = decimal.Parse(cells[6], CultureInfo.InvariantCulture);
            Assert.Equal(price * quantity, decimal.Parse(cells[7], CultureInfo.InvariantCulture));
            notional += price * quantity;
        }

        Assert.Equal(notional, _spy.Performance.GetProperty("traded_notional").GetDecimal());
    }

    [Fact]
    public async Task The_chart_is_a_png_of_the_documented_size()
    {
        var png = await File.ReadAllBytesAsync(Path.Combine(_spy.Folder, ReportFolder.Chart));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(EquityChart.Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(EquityChart.Height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.True(png.Length > 20_000, $"the chart is only {png.Length} bytes: nothing drawn?");
    }

    [Fact]
    public async Task The_html_report_is_self_contained_with_the_statistics_chart_and_trades()
    {
        var html = await File.ReadAllTextAsync(Path.Combine(_spy.Folder, ReportFolder.Html));
        var png = await File.ReadAllBytesAsync(Path.Combine(_spy.Folder, ReportFolder.Chart));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>EMA Crossover on SPY.NASDAQ</h1>", html, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64," + Convert.ToBase64String(png) + "\"", html, StringComparison.Ordinal);
        var sharpe = _spy.Performance.GetProperty("sharpe_ratio").GetDouble().ToString("0.00", CultureInfo.InvariantCulture);
        Assert.Contains($"<tr><th>Sharpe ratio</th><td class=\"n\">{sharpe}</td></tr>", html, StringComparison.Ordinal);
        foreach (var label in (string[])["Total return", "CAGR", "Sortino ratio", "Calmar ratio", "Max drawdown duration", "Profit factor", "Expectancy", "Exposure", "Turnover", "Commissions"])
        {
            Assert.Contains($"<tr><th>{label}</th>", html, StringComparison.Ordinal);
        }

        Assert.Equal(_spy.Root.GetProperty("trades").GetArrayLength(), html.Split("</td></tr>").Length - 1 - StatisticRowCount(html));
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    private static int StatisticRowCount(string html)
    {
        var start = html.IndexOf("<table id=\"statistics\">", StringComparison.Ordinal);
        var end = html.IndexOf("</table>", start, StringComparison.Ordinal);
        return html[start..end].Split("</td></tr>").Length - 1;
    }
}
