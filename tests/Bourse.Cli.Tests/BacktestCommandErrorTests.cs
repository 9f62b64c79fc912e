namespace Bourse.Cli.Tests;

/// <summary>
/// Bad input through the parsed <c>backtest</c> command (the same path as the executable): exit code 1 and one
/// message naming the problem, no stack trace.
/// </summary>
[Collection(nameof(GlobalConsoleCollection))]
public sealed class BacktestCommandErrorTests
{
    [Fact]
    public async Task Unknown_strategy_name_lists_the_built_in_ones()
    {
        var result = await CliHarness.InvokeAsync("backtest", "--strategy", "Moon Shot", "--data", CliHarness.SpyMinuteFolder);

        AssertFailure(result, "'Moon Shot' is neither a .cs or .dll file nor a built-in strategy", "\"EMA Crossover\"", "\"RSI Mean Reversion\"");
    }

    [Fact]
    public async Task Missing_strategy_file_is_named()
    {
        var path = Path.Combine(CliHarness.TempFolder(), "Nowhere.cs");

        var result = await CliHarness.InvokeAsync("backtest", "--strategy", path, "--data", CliHarness.SpyMinuteFolder);

        AssertFailure(result, path, "does not exist");
    }

    [Fact]
    public async Task Compile_error_names_the_file_line_and_column()
    {
        var path = Path.Combine(CliHarness.TempFolder(), "Broken.cs");
        await File.WriteAllTextAsync(path, """
            public sealed class Broken : Strategy
            {
                public override void OnBar(Bar bar) { var x = ; }
            }
            """);

        var result = await CliHarness.InvokeAsync("backtest", "--strategy", path, "--data", CliHarness.SpyMinuteFolder);

        // Line 3, column 51 is the ';' after "var x = ".
        AssertFailure(result, $"{path} does not compile:", $"{path}(3,51): error CS1525");
    }

    [Theory]
    [InlineData("Foo=1", "Unknown parameter 'Foo'", "FastPeriod, SlowPeriod")]
    [InlineData("FastPeriod=1", "FastPeriod must be at least 2", "(was 1)")]
    [InlineData("SlowPeriod=501", "SlowPeriod must be at most 500", "(was 501)")]
    [InlineData("FastPeriod=fast", "FastPeriod must be an integer", "(was \"fast\")")]
    [InlineData("FastPeriod=30", "FastPeriod (30) must be below SlowPeriod (26)", "")]
    [InlineData("FastPeriod", "--param 'FastPeriod' is not of the form name=value", "")]
    public async Task Bad_param_is_named(string param, string expected, string alsoExpected)
    {
        var result = await CliHarness.InvokeAsync(
            "backtest", "--strategy", "EMA Crossover", "--data", CliHarness.SpyMinuteFolder, "--param", param);

        AssertFailure(result, expected, alsoExpected);
    }

    [Fact]
    public async Task Missing_data_path_is_named()
    {
        var path = Path.Combine(CliHarness.TempFolder(), "no-such-data");

        var result = await CliHarness.InvokeAsync("backtest", "--strategy", "EMA Crossover", "--data", path);

        AssertFailure(result, $"No file or folder {path}");
    }

    [Fact]
    public async Task Symbol_not_in_the_data_names_what_the_data_holds()
    {
        var result = await CliHarness.InvokeAsync(
            "backtest", "--strategy", "EMA Crossover", "--data", CliHarness.SpyMinuteFolder, "--symbol", "AAPL.NASDAQ");

        AssertFailure(result, "AAPL.NASDAQ not in", "it holds SPY.NASDAQ");
    }

    [Fact]
    public async Task Malformed_symbol_is_named()
    {
        var result = await CliHarness.InvokeAsync(
            "backtest", "--strategy", "EMA Crossover", "--data", CliHarness.SpyMinuteFolder, "--symbol", "SPY");

        AssertFailure(result, "'SPY' is not an instrument id of the form SYMBOL.VENUE");
    }

    [Fact]
    public async Task Malformed_csv_names_the_file_and_line()
    {
        var path = Path.Combine(CliHarness.TempFolder(), "BTCUSD.COINBASE.csv");
        await File.WriteAllTextAsync(path, """
            time,open,high,low,close,volume
            2024-01-01T00:00:00Z,1,2,0.5,1.5,10
            2024-01-01T00:01:00Z,1,abc,0.5,1.5,10
            """);

        var result = await CliHarness.InvokeAsync("backtest", "--strategy", "EMA Crossover", "--data", path);

        AssertFailure(result, $"{path} line 3", "high 'abc' is not a number");
    }

    [Fact]
    public async Task Success_through_the_parsed_command_exits_0()
    {
        var output = CliHarness.TempFolder();

        var result = await CliHarness.InvokeAsync(
            "backtest", "-s", "RSI Mean Reversion", "-d", CliHarness.BtcMinuteFolder, "-p", "Period=10", "--fee-bps", "2", "-o", output);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("RSI Mean Reversion on BTCUSD.COINBASE", result.Output, StringComparison.Ordinal);
        using var report = CliHarness.ReadReport(output);
        Assert.Equal(10, report.RootElement.GetProperty("parameters").GetProperty("Period").GetInt32());
        Assert.Equal(2m, report.RootElement.GetProperty("fee_bps").GetDecimal());
        CliHarness.AssertReportConsistent(report);
    }

    [Fact]
    public async Task No_auto_execute_leaves_a_strategy_that_trades_itself_with_only_its_own_orders()
    {
        var output = CliHarness.TempFolder();

        var result = await CliHarness.InvokeAsync(
            "backtest", "-s", CliHarness.BreakoutTraderSource, "-d", CliHarness.BtcMinuteFolder, "-p", "Quantity=0.5", "--no-auto-execute", "-o", output);

        Assert.True(result.ExitCode == 0, result.Output);
        using var report = CliHarness.ReadReport(output);
        var stats = CliHarness.AssertReportConsistent(report);
        Assert.Equal(0, stats.GetProperty("executed_signals").GetInt32());
        Assert.True(stats.GetProperty("total_signals").GetInt32() > 0, "Breakout Trader emitted no signal");

        // Long-only: it buys Quantity on a breakout and sells exactly what it holds, so the position never goes short.
        var position = 0m;
        foreach (var trade in report.RootElement.GetProperty("trades").EnumerateArray())
        {
            var quantity = trade.GetProperty("quantity").GetDecimal();
            position += trade.GetProperty("side").GetString() == "buy" ? quantity : -quantity;
            Assert.True(position >= 0m, $"short {position} after {trade}");
            if (trade.GetProperty("side").GetString() == "buy")
            {
                Assert.Equal(0.5m, quantity);
            }
        }
    }

    [Theory]
    [InlineData("--cash", "-5", "--cash (-5) must be positive.")]
    [InlineData("--cash", "0", "--cash (0) must be positive.")]
    [InlineData("--fee-bps", "-1", "--fee-bps (-1) must not be negative.")]
    [InlineData("--position-size-pct", "1.5", "--position-size-pct (1.5) must be within (0, 1].")]
    [InlineData("--position-size-pct", "0", "--position-size-pct (0) must be within (0, 1].")]
    [InlineData("--max-position-size", "-10", "--max-position-size (-10) must be positive.")]
    [InlineData("--signal-threshold", "2", "--signal-threshold (2) must be within [0, 1].")]
    public async Task Out_of_range_numeric_options_are_refused_by_name(string option, string value, string message)
    {
        var result = await CliHarness.InvokeAsync("backtest", "--strategy", "EMA Crossover", "--data", CliHarness.SpyMinuteFolder, option, value);

        Assert.True(result.ExitCode == 1, $"exit code {result.ExitCode}: {result.Output}");
        Assert.Contains(message, result.Output, StringComparison.Ordinal);
    }

    private static void AssertFailure(CliResult result, params string[] expectedFragments)
    {
        Assert.True(result.ExitCode == 1, $"exit code {result.ExitCode}: {result.Output}");
        Assert.StartsWith("error: ", result.Output.TrimStart(), StringComparison.Ordinal);
        foreach (var fragment in expectedFragments)
        {
            Assert.Contains(fragment, result.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Output, StringComparison.Ordinal);
    }
}
