using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bourse.Engine.Runs;
using CsvHelper;

namespace Bourse.Cli.Optimize;

/// <summary>A window of bars: its first bar's open time, its last bar's close time (UTC) and its bar count.</summary>
internal sealed record Window(DateTime Start, DateTime End, int Bars);

/// <summary>
/// The outcome of <c>bourse optimize</c>, written as <c>optimization.json</c> and <c>optimization.csv</c>: what was
/// searched and every trial, best first by <see cref="Rank"/> on the in-sample window, with its out-of-sample
/// statistics under a walk-forward split. Ratios are fractions; money in the account currency.
/// </summary>
/// <param name="Strategy">The strategy's catalogue name.</param>
/// <param name="Data">The bar file or folder.</param>
/// <param name="Rank">The ranking statistic's name.</param>
/// <param name="Search">"grid" or "random".</param>
/// <param name="InSample">The window the parameters were ranked on.</param>
/// <param name="OutOfSample">The walk-forward window after it, or null.</param>
/// <param name="Trials">The trials, best first.</param>
internal sealed record OptimizationResult(string Strategy, string Data, string Rank, string Search, Window InSample, Window? OutOfSample, IReadOnlyList<Trial> Trials)
{
    /// <summary>The JSON file name.</summary>
    public const string JsonFile = "optimization.json";

    /// <summary>The CSV file name.</summary>
    public const string CsvFile = "optimization.csv";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Writes <see cref="JsonFile"/> and <see cref="CsvFile"/> into <paramref name="folder"/> (created when missing).</summary>
    public async Task WriteAsync(string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        await using (var file = File.Create(Path.Combine(folder, JsonFile)))
        {
            await JsonSerializer.SerializeAsync(file, this, Json, cancellationToken);
        }

        await using var csv = CsvWriter.ToFile(Path.Combine(folder, CsvFile), null, FileOptions.Asynchronous);
        var names = Trials.Count == 0 ? [] : Trials[0].Parameters.Keys.ToList();
        var windows = OutOfSample is null ? (string[])["in_sample"] : ["in_sample", "out_of_sample"];
        csv.WriteHeader([.. (string[])["rank", .. names], .. windows.SelectMany(w => CsvColumns.Select(c => $"{w}_{c}"))]);
        for (var i = 0; i < Trials.Count; i++)
        {
            var t = Trials[i];
            string[] statistics = t.OutOfSample is { } outOfSample ? [.. CsvValues(t.InSample), .. CsvValues(outOfSample)] : CsvValues(t.InSample);
            await csv.WriteRecordAsync(
                [(i + 1).ToString(CultureInfo.InvariantCulture), .. names.Select(n => Convert.ToString(t.Parameters[n], CultureInfo.InvariantCulture) ?? ""), .. statistics],
                cancellationToken);
        }
    }

    private static readonly string[] CsvColumns =
        ["total_return", "cagr", "sharpe_ratio", "sortino_ratio", "calmar_ratio", "max_drawdown", "win_rate", "profit_factor", "trades", "net_pnl"];

    private static string[] CsvValues(RunStatistics s)
    {
        var p = s.Performance;
        return
        [
            Number(p.TotalReturn), Number(p.Cagr), Number(p.SharpeRatio), Number(p.SortinoRatio), Number(p.CalmarRatio),
            Number(p.MaxDrawdown), Number(p.WinRate), Number(p.ProfitFactor), s.TotalTrades.ToString(CultureInfo.InvariantCulture), Number(s.NetPnl),
        ];
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
