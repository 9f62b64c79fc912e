using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Bourse.Data.Files;
using Bourse.Engine.Backtesting;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Indicators;
using Bourse.Sdk.MarketData;
using Bourse.Strategies;
using Bourse.Testing;

namespace Bourse.Benchmarks;

/// <summary>
/// Backtest throughput of the EMA crossover (12/26, signals auto-executed at 10% of equity) on the real SPY
/// minute trade bars of ../shared/data (LEAN, 7 sessions, 5,786 bars). Prints Bars/s: bars processed per second
/// by the whole kernel (strategy, signal routing, risk, simulated exchange, accounting, statistics).
/// Run: <c>dotnet run -c Release --project bench/Bourse.Benchmarks -- --filter '*BacktestThroughput*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class BacktestThroughput
{
    private static readonly string SpyMinute = RepositoryPaths.Shared("lean/equity/usa/minute/spy");

    private IReadOnlyList<Bar> _bars = [];
    private RunSettings _settings = null!;

    /// <summary>Bars in one backtest.</summary>
    public static int BarCount { get; private set; }

    /// <summary>Loads the bars once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _bars = BarFiles.Read(SpyMinute);
        BarCount = _bars.Count;
        _settings = new RunSettings(RunId.New(), BarFiles.Instruments(SpyMinute), new RiskSettings(AutoExecute: true, SignalStrengthThreshold: 0));
    }

    /// <summary>
    /// The machine's baseline: the same bars through the strategy's arithmetic alone (two EMAs of the close), no engine.
    /// The gap to <see cref="EmaCrossoverSpyMinute"/> is what the kernel costs.
    /// </summary>
    [Benchmark(Baseline = true, Description = "Baseline: two EMAs over the same bars")]
    public double TwoEmasOnly()
    {
        var fast = new ExponentialMovingAverage(12);
        var slow = new ExponentialMovingAverage(26);
        var gap = 0.0;
        foreach (var bar in _bars)
        {
            var close = (double)bar.Close.Value;
            gap += fast.Update(close) - slow.Update(close);
        }

        return gap;
    }

    /// <summary>One full backtest.</summary>
    [Benchmark(Description = "EMA crossover, SPY minute")]
    public RunStatistics EmaCrossoverSpyMinute() =>
        BacktestRunner.Run(new EmaCrossover(), _bars, _settings).Statistics;

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() =>
            AddColumn(new ThroughputColumn("Bars/s", _ => BarFiles.Read(SpyMinute).Count));
    }
}
