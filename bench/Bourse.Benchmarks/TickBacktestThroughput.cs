using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Bourse.Data.Aggregation;
using Bourse.Data.Files;
using Bourse.Data.Streams;
using Bourse.Engine.Backtesting;
using Bourse.Engine.Execution;
using Bourse.Engine.Runs;
using Bourse.Engine.Statistics;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Strategies;
using Bourse.Testing;

namespace Bourse.Benchmarks;

/// <summary>
/// Tick backtest throughput over the real SPY trade ticks of ../shared/data (LEAN, 2013-10-07..11, 1,887,460 ticks):
/// every tick goes through the kernel (mark, circuit breaker, loss limits, simulated exchange with the tick fill model,
/// strategy OnTrade), and the EMA crossover (12/26) runs on the 1-minute bars built from the same ticks, its orders
/// filling on the ticks. The ticks and the bars are read, built and merged into one array before the measured loop (not
/// timed); <see cref="ReadLeanTicks"/> measures the LEAN tick reader on its own. Ticks/s counts the trade ticks only
/// (the bars add 0.2 %); the Ratio column is engine time / bare-loop time.
/// <para>Baseline: a bare loop over the same array computing the same crossover (<see cref="BareCrossover"/>) on the bars and reading every tick's price.</para>
/// <para>Runs under Server GC, like <see cref="BacktestThroughput"/>.</para>
/// Run: <c>dotnet run -c Release --project bench/Bourse.Benchmarks -- --filter '*TickBacktestThroughput*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TickConfig))]
public class TickBacktestThroughput
{
    private static readonly string Folder = RepositoryPaths.Shared("lean/equity/usa/tick/spy");
    private static readonly Lazy<(MarketDataItem[] Items, int Ticks)> Shared = new(Load);

    private MarketDataItem[] _items = [];
    private RunSettings _settings = null!;

    /// <summary>Reads the ticks and builds the merged stream once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _items = Shared.Value.Items;
        var ticks = _items.Where(i => i.Kind == MarketDataKind.Trade).Select(i => i.Trade!);
        var risk = new RiskSettings(MaxOrderNotional: 50_000m, MaxPositionSize: 50_000m, DailyLossLimit: 10_000m, AutoExecute: true) { MaxDrawdownPct = 0.2m };
        _settings = new RunSettings(RunId.New(), TradeTickFiles.Instruments(ticks), risk, Execution: new ExecutionSettings(FillModelKind.Tick))
        {
            EquitySampling = EquitySampling.TradingDay,
        };
    }

    /// <summary>The machine's baseline: the same crossover on the same bars, and every tick's price read, no engine.</summary>
    /// <returns>The number of crosses plus a checksum of the prices.</returns>
    [Benchmark(Baseline = true, Description = "Bare loop: crossover on the bars, ticks read")]
    public double BareLoop()
    {
        var crossover = new BareCrossover();
        var last = 0.0;
        foreach (ref readonly var item in _items.AsSpan())
        {
            if (item.Kind == MarketDataKind.Trade)
            {
                last = (double)item.Trade!.Price.Value;
            }
            else
            {
                crossover.OnClose((double)item.Bar!.Close.Value);
            }
        }

        return crossover.Crosses + last;
    }

    /// <summary>One full tick backtest.</summary>
    [Benchmark(Description = "Engine: tick backtest, tick fills")]
    public RunStatistics Engine() =>
        BacktestRunner.Replay(new EmaCrossover(), _items, static i => i.Time, Deliver, _settings).Statistics;

    /// <summary>The LEAN tick reader alone: the five zips, unzipped and parsed into trade ticks.</summary>
    /// <returns>The number of ticks.</returns>
    [Benchmark(Description = "LEAN tick reader (5 zips)")]
    public int ReadLeanTicks()
    {
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(Folder, "*_trade.zip").Order(StringComparer.Ordinal))
        {
            foreach (var tick in LeanTickReader.ReadTrades(file))
            {
                count += tick.Size.Value > 0m ? 1 : 0;
            }
        }

        return count;
    }

    private static void Deliver(TradingRun run, MarketDataItem item)
    {
        if (item.Kind == MarketDataKind.Bar)
        {
            run.OnBar(item.Bar!);
        }
        else
        {
            run.OnTrade(item.Trade!);
        }
    }

    private static (MarketDataItem[] Items, int Ticks) Load()
    {
        var ticks = TradeTickFiles.Read(Folder);
        var bars = BarAggregator.TimeBars(ticks, BarPeriod.OneMinute).ToList();
        return ([.. MarketDataMerge.Merge(MarketDataItem.Of(ticks), MarketDataItem.Of(bars))], ticks.Count);
    }

    private sealed class TickConfig : ManualConfig
    {
        public TickConfig()
        {
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithGcServer(true));
            WithBuildTimeout(TimeSpan.FromMinutes(10));
            AddColumn(new ThroughputColumn("Ticks/s", _ => Shared.Value.Ticks));
            AddColumn(new AllocationPerItemColumn("B/tick", _ => Shared.Value.Ticks));
        }
    }
}
