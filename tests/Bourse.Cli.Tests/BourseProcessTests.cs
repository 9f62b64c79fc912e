using System.Diagnostics;

namespace Bourse.Cli.Tests;

/// <summary>The built <c>bourse</c> program run as a separate process, as a user runs it.</summary>
public sealed class BourseProcessTests
{
    [Fact]
    public async Task Backtest_of_a_built_in_strategy_exits_0_and_writes_the_report()
    {
        var output = CliHarness.TempFolder();

        var (exitCode, stdout, stderr) = await RunBourseAsync(
            "backtest", "--strategy", "EMA Crossover", "--data", CliHarness.SpyMinuteFolder, "--output", output);

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{stdout}\n{stderr}");
        Assert.Equal(string.Empty, stderr);
        var printed = CliHarness.Collapse(stdout);
        Assert.Contains("EMA Crossover on SPY.NASDAQ", printed, StringComparison.Ordinal);
        Assert.Contains("Net P&L", printed, StringComparison.Ordinal);
        Assert.Contains("Reports written to", printed, StringComparison.Ordinal);
        using var report = CliHarness.ReadReport(output);
        var stats = CliHarness.AssertReportConsistent(report);
        Assert.Equal(4_128, report.RootElement.GetProperty("bars").GetInt32());
        Assert.Equal(138, stats.GetProperty("total_trades").GetInt32());
    }

    [Fact]
    public async Task Bad_input_exits_1_with_the_message_on_the_console()
    {
        var (exitCode, stdout, _) = await RunBourseAsync("backtest", "--strategy", "Moon Shot", "--data", CliHarness.SpyMinuteFolder);

        Assert.Equal(1, exitCode);
        Assert.Contains("error: 'Moon Shot' is neither", CliHarness.Collapse(stdout), StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunBourseAsync(params string[] args)
    {
        var bourse = Path.Combine(AppContext.BaseDirectory, "bourse.dll");
        Assert.True(File.Exists(bourse), $"{bourse} is missing: the test project must reference src/Bourse.Cli");
        Assert.True(File.Exists(Path.ChangeExtension(bourse, ".runtimeconfig.json")), "bourse.runtimeconfig.json is not beside bourse.dll");

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(bourse);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
