using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Bourse.Engine.Backtesting;
using Bourse.Engine.Runs;
using Bourse.Engine.Statistics;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Strategies;

namespace Bourse.Benchmarks;

/// <summary>
/// Backtest throughput of the EMA crossover (12/26, every cross auto-executed at 10 % of equity) over the real SPY
/// minute trade bars repeated to at least 10 million bars (<see cref="SpyMinuteBars"/>), through the whole kernel:
/// data replay, strategy, signal routing, pre-trade risk checks and the per-bar risk monitor (daily loss limit, max
/// drawdown, position and order limits, all configured), simulated exchange with the bar fill model and 1 bp fees,
/// accounting and statistics. The equity curve is sampled per trading day (<see cref="EquitySampling.TradingDay"/>).
/// The bars are built before the measured loop (not timed).
/// <para>Baseline: a bare loop over the same bar array computing the same crossover (<see cref="BareCrossover"/>), no
/// engine. The Ratio column is engine time / bare-loop time; Bars/s is bars per second on one core; B/bar is the bytes
/// allocated per bar (all of it from the trades: signals, orders, fills and their events; the bar path alone allocates
/// nothing, see <see cref="EngineWithoutTrades"/>).</para>
/// <para>Runs under Server GC, the collector backtests run under in Bourse: the server is an ASP.NET Core app (Server GC by
/// default) and the <c>bourse</c> CLI opts in. With the workstation collector on a machine that reports no cache sizes
/// (e.g. a Firecracker VM), gen0 budgets are ~2.5 MB and the trades' garbage costs ~130 collections per run.</para>
/// <para>Iterations run back to back without BenchmarkDotNet's forced full collection before each one
/// (<c>WithGcForce(false)</c>), the way a server or <c>bourse optimize</c> runs backtests one after another. Each
/// iteration still collects its own garbage (the Gen0 column: ~20 gen0 collections per run). With the forced collections
/// (BenchmarkDotNet's default) the same code measured 1.07 s instead of 0.81 s on the 2-core reference machine, with a
/// standard deviation of 45 ms instead of 19 ms: after each forced full collection of the ~1.2 GB of bars the collector
/// restarts from small gen0 budgets (25 gen0 and 2 gen1 collections per run), and the iterations drifted slower
/// (0.92 s to 1.24 s within one process). Both figures are in the closing note of issue 3.</para>
/// Run: <c>dotnet run -c Release --project bench/Bourse.Benchmarks -- --filter '*BacktestThroughput*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BacktestConfig))]
public class BacktestThroughput
{
    /// <summary>The fewest bars in one backtest.</summary>
    public const int MinimumBars = 10_000_000;

    private static readonly Lazy<Bar[]> SharedBars = new(() => SpyMinuteBars.Repeated(MinimumBars));

    private Bar[] _bars = [];
    private RunSettings _settings = null!;

    /// <summary>Builds the bars once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _bars = SharedBars.Value;
        var risk = new RiskSettings(
            MaxOrderNotional: 50_000m,
            MaxPositionSize: 50_000m,
            MaxPositions: 1,
            DailyLossLimit: 10_000m,
            PositionSizePct: 0.1m,
            AutoExecute: true)
        {
            MaxOpenOrders = 10,
            MaxDrawdownPct = 0.2m,
        };
        _settings = new RunSettings(RunId.New(), SpyMinuteBars.Instruments, risk) { EquitySampling = EquitySampling.TradingDay };
    }

    /// <summary>The machine's baseline: the same crossover over the same bars, no engine.</summary>
    /// <returns>The number of crosses.</returns>
    [Benchmark(Baseline = true, Description = "Bare loop: EMA 12/26 crossover")]
    public int BareLoop()
    {
        var crossover = new BareCrossover();
        foreach (var bar in _bars)
        {
            crossover.OnClose((double)bar.Close.Value);
        }

        return crossover.Crosses;
    }

    /// <summary>One full backtest over all the bars.</summary>
    [Benchmark(Description = "Engine: EMA crossover backtest")]
    public RunStatistics Engine() => BacktestRunner.Run(new EmaCrossover(), _bars, _settings).Statistics;

    /// <summary>
    /// The same backtest with a strategy that computes the same crossover but never trades (<see cref="CrossoverWatcher"/>):
    /// the cost of the bar path alone (replay, clock, timers, marks, risk monitor, equity curve, the sandboxed callback),
    /// so the difference to <see cref="Engine"/> is what the trades cost (signals, orders, risk checks, fills, accounting).
    /// </summary>
    [Benchmark(Description = "Engine: same bars, crossover without trades")]
    public RunStatistics EngineWithoutTrades() => BacktestRunner.Run(new CrossoverWatcher(), _bars, _settings).Statistics;

    private sealed class BacktestConfig : ManualConfig
    {
        public BacktestConfig()
        {
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithGcServer(true).WithGcForce(false));
            WithBuildTimeout(TimeSpan.FromMinutes(10)); // the generated project builds slowly on a busy machine
            AddColumn(new ThroughputColumn("Bars/s", _ => SharedBars.Value.Length));
            AddColumn(new AllocationPerItemColumn("B/bar", _ => SharedBars.Value.Length));
        }
    }
}
