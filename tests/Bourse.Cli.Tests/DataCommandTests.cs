using Bourse.Data.Files;
using Bourse.Data.Storage;
using Bourse.Sdk.Identifiers;
using Bourse.Testing;

namespace Bourse.Cli.Tests;

[Collection(nameof(GlobalConsoleCollection))]
public sealed class DataCommandTests
{
    [Fact]
    public async Task Inspect_reports_format_instrument_period_rows_times_and_gaps()
    {
        var result = await CliHarness.InvokeAsync("data", "inspect", RepositoryPaths.Shared("freqtrade/XRP_ETH-1m.json"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("freqtrade-candles", result.Output, StringComparison.Ordinal);
        Assert.Contains("XRPETH.FREQTRADE", result.Output, StringComparison.Ordinal);
        Assert.Contains("│ 1m │ 3,560 │ 2019-10-11 00:00:00.000 │ 2019-10-13 11:19:00.000 │ 0 │", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_of_a_folder_lists_every_market_data_file_and_counts_the_nights_as_gaps()
    {
        var result = await CliHarness.InvokeAsync("data", "inspect", RepositoryPaths.Shared("lean/equity/usa/minute/aapl"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("20140606_trade.zip │ lean-trade-bars │ bar │ AAPL.NASDAQ │ 1m │", result.Output, StringComparison.Ordinal);
        Assert.Contains("20140606_quote.zip │ lean-quote-bars │ quotebar │ AAPL.NASDAQ │ 1m │", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_aggregates_freqtrade_trades_to_parquet_bars_equal_to_its_candles()
    {
        var folder = CliHarness.TempFolder();
        var output = Path.Combine(folder, "xrp-5m.parquet");

        var result = await CliHarness.InvokeAsync("data", "convert", RepositoryPaths.Shared("freqtrade/XRP_ETH-trades.json.gz"), output, "--period", "5m");

        Assert.Equal(0, result.ExitCode);
        var expected = FreqtradeJsonReader.ReadCandles(RepositoryPaths.Shared("freqtrade/XRP_ETH-5m.json")).Where(b => b.Volume.Value > 0m);
        Assert.Equal(expected, ParquetMarketData.ReadBars(output));
        Assert.Contains("rows to", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_writes_tardis_quotes_as_csv_that_reads_back_equal()
    {
        var folder = CliHarness.TempFolder();
        var output = Path.Combine(folder, "BTCUSDT.BINANCE-FUTURES.csv");

        var result = await CliHarness.InvokeAsync("data", "convert", RepositoryPaths.Shared("nautilus/tardis/quotes.csv"), output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(TardisCsvReader.ReadQuotes(RepositoryPaths.Shared("nautilus/tardis/quotes.csv")), CsvTickReader.ReadQuotes(output));
    }

    [Fact]
    public async Task Import_writes_daily_partitions_the_replay_reads_and_is_idempotent()
    {
        var source = CliHarness.TempFolder();
        var lean = Path.Combine(source, "lean", "equity", "usa", "minute", "spy");
        Directory.CreateDirectory(lean);
        foreach (var day in new[] { "20131007", "20131008" })
        {
            File.Copy(RepositoryPaths.Shared($"lean/equity/usa/minute/spy/{day}_trade.zip"), Path.Combine(lean, $"{day}_trade.zip"));
        }

        var dataDir = Path.Combine(CliHarness.TempFolder(), "data");
        var first = await CliHarness.InvokeAsync("data", "import", source, "--data-dir", dataDir);
        var second = await CliHarness.InvokeAsync("data", "import", source, "--data-dir", dataDir);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Imported 2 file(s), 1,656 rows, into 2 partition(s)", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.True(File.Exists(Path.Combine(dataDir, "nasdaq", "spy", "bars-1m", "2013-10-07.parquet")));
        Assert.Equal(BarFiles.Read(lean), BarFiles.Read(dataDir));
        Assert.Equal([InstrumentId.Parse("SPY.NASDAQ")], BarFiles.Instruments(dataDir).Select(i => i.Id));
    }

    [Fact]
    public async Task Bad_input_is_an_error_naming_the_file_and_line()
    {
        var folder = CliHarness.TempFolder();
        var bad = Path.Combine(folder, "trades.csv");
        await File.WriteAllTextAsync(bad, "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\nbinance-futures,BTCUSDT,15823296021x,1,2,buy,9682,0.1\n");

        var malformed = await CliHarness.InvokeAsync("data", "inspect", bad);
        var missing = await CliHarness.InvokeAsync("data", "inspect", Path.Combine(folder, "nothing.csv"));

        Assert.Equal(1, malformed.ExitCode);
        Assert.Contains("trades.csv line 2: timestamp '15823296021x' is not microseconds", malformed.Output, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No file or folder", missing.Output, StringComparison.Ordinal);
    }
}
