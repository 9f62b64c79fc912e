using Bourse.Engine.Backtesting;
using Bourse.Engine.Runs;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Signals;
using Bourse.Sdk.Strategies;

namespace Bourse.Engine.Tests;

public class StrategyErrorTests
{
    [Fact]
    public void Strategy_exceptions_are_counted_and_the_run_errors_at_max_errors()
    {
        var strategy = new ScriptedStrategy { OnBarAction = (_, _) => throw new InvalidOperationException("boom") };
        var h = new Harness(Kit.Settings(maxErrors: 3), strategy);
        h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 50m));
        h.Feed(Kit.Flat(0, 100m), Kit.Flat(1, 100m));
        Assert.Equal(RunStatus.Running, h.Run.Status);
        h.Feed(Kit.Flat(2, 100m));
        Assert.Equal(RunStatus.Error, h.Run.Status);

        var errors = h.Sink.Of<StrategyErrored>().ToArray();
        Assert.Equal([1, 2, 3], errors.Select(e => e.ErrorCount));
        Assert.All(errors, e => Assert.Equal(("OnBar", "System.InvalidOperationException", "boom"), (e.Callback, e.ExceptionType, e.Message)));
        Assert.Equal(3, h.Sink.Of<LogWritten>().Count(l => l.Level == StrategyLogLevel.Error && l.Source == "engine"));
        Assert.Single(h.Sink.Orders<OrderCanceled>());
        Assert.Equal(1, strategy.StopCalls);
        Assert.Equal(RunStatus.Error, Assert.IsType<RunStopped>(h.Sink.Events[^1]).Status);
        Assert.Equal(3, h.Run.Statistics().ErrorCount);

        h.Feed(Kit.Flat(3, 100m));
        Assert.Equal(3, h.Sink.Of<StrategyErrored>().Count());
    }

    [Fact]
    public void Errors_in_on_start_and_timers_are_caught_too()
    {
        var strategy = new ScriptedStrategy
        {
            OnStartAction = s =>
            {
                s.Ctx.SetTimer("t", TimeSpan.FromMinutes(1));
                throw new ArgumentException("bad start");
            },
            OnTimerAction = (_, _) => throw new InvalidOperationException("bad timer"),
        };
        var h = new Harness(Kit.Settings(), strategy).Feed(Kit.Flat(0, 100m));
        Assert.Equal(["OnStart", "OnTimer"], h.Sink.Of<StrategyErrored>().Select(e => e.Callback));
        Assert.Equal(RunStatus.Running, h.Run.Status);
    }

    [Fact]
    public void Start_twice_throws()
    {
        var h = new Harness();
        Assert.Throws<InvalidOperationException>(() => h.Run.Start());
    }
}

public class StatisticsTests
{
    private static readonly DateTime Day = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static EquityPoint[] Curve(params decimal[] equity) => equity.Select((e, i) => new EquityPoint(Day.AddDays(i), e)).ToArray();

    [Fact]
    public void Max_drawdown_is_the_largest_fall_from_a_running_peak()
    {
        Assert.Equal(40m / 120m, Statistics.PerformanceMath.MaxDrawdown(Curve(100m, 120m, 90m, 110m, 80m, 130m)));
        Assert.Equal(0m, Statistics.PerformanceMath.MaxDrawdown(Curve(100m, 101m, 102m)));
        Assert.Equal(0m, Statistics.PerformanceMath.MaxDrawdown([]));
    }

    [Fact]
    public void Sharpe_is_mean_over_stdev_annualized_by_the_median_spacing()
    {
        var sharpe = Statistics.PerformanceMath.SharpeRatio(Curve(100m, 110m, 99m, 108.9m));
        double[] r = [0.1, -0.1, 0.1];
        var mean = r.Average();
        var sd = Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / 2);
        Assert.Equal(mean / sd * Math.Sqrt(365.25), sharpe, 9);
        Assert.Equal(0d, Statistics.PerformanceMath.SharpeRatio(Curve(100m, 110m)));
        Assert.Equal(0d, Statistics.PerformanceMath.SharpeRatio(Curve(100m, 100m, 100m, 100m)));
    }

    [Fact]
    public void Run_statistics_count_trades_wins_and_pnl()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 10m));
        h.Feed(Kit.Flat(1, 100m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 5m));
        h.Feed(Kit.Flat(2, 110m)); // +50
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 5m));
        h.Feed(Kit.Flat(3, 90m)); // −50
        var s = h.Run.Statistics();
        Assert.Equal((3, 3, 3, 2, 0.5), (s.TotalOrders, s.FilledOrders, s.TotalTrades, s.ClosedTrades, s.WinRate));
        Assert.Equal((0m, 0m, 0m, 0m), (s.RealizedPnl, s.UnrealizedPnl, s.NetPnl, s.TotalReturn));
        Assert.Equal(4, h.Run.EquityCurve.Count);
        Assert.Equal(100m / 100_100m, s.MaxDrawdown); // peak 100 100 after the 110 close, back to 100 000
    }
}

public class BacktestTests
{
    /// <summary>A small moving-average crossover that both emits signals and trades directly.</summary>
    private sealed class CrossStrategy : Strategy
    {
        private readonly Queue<decimal> _window = new();

        public override void OnBar(Bar bar)
        {
            _window.Enqueue(bar.Close);
            if (_window.Count > 5)
            {
                _window.Dequeue();
            }

            var average = _window.Average();
            var position = Portfolio.Position(bar.Instrument).NetQuantity;
            if (bar.Close > average && position == 0m)
            {
                EmitSignal(new Signal(bar.Instrument, SignalType.Buy, 0.8));
            }
            else if (bar.Close < average && position > 0m)
            {
                EmitSignal(new Signal(bar.Instrument, SignalType.Sell, 0.8));
            }
            else if (bar.Close < average * 0.99m)
            {
                SubmitOrder(OrderRequest.Limit(bar.Instrument, Side.Sell, 1m, bar.Close * 1.01m, TimeInForce.Day));
            }
        }
    }

    private static List<Bar> Walk(int count, int seed)
    {
        var bars = new List<Bar>(count);
        var price = 100m;
        var state = (uint)seed;
        for (var i = 0; i < count; i++)
        {
            state = (state * 1664525u) + 1013904223u;
            var step = ((int)(state >> 24) - 128) / 100m;
            var open = price;
            var close = Math.Max(1m, price + step);
            bars.Add(Kit.Bar(i, open, Math.Max(open, close) + 0.05m, Math.Min(open, close) - 0.05m, close));
            price = close;
        }

        return bars;
    }

    private static readonly RunSettings Settings = Kit.Settings(new RiskSettings(AutoExecute: true, PositionSizePct: 0.2m), feeBps: 1m);

    [Fact]
    public void Same_input_gives_identical_events()
    {
        var bars = Walk(2_000, 7);
        var first = new RecordingSink();
        var second = new RecordingSink();
        BacktestRunner.Run(new CrossStrategy(), bars, Settings, first);
        BacktestRunner.Run(new CrossStrategy(), bars, Settings, second);
        Assert.True(first.Events.Count > 100);
        Assert.Equal(first.Events, second.Events);
        Assert.Equal(first.Events.Select(e => e.ToString()), second.Events.Select(e => e.ToString()));
    }

    [Fact]
    public void Backtest_completes_with_fills_signals_and_a_curve_per_bar()
    {
        var bars = Walk(500, 3);
        var report = BacktestRunner.Run(new CrossStrategy(), bars, Settings);
        Assert.Equal(RunStatus.Completed, report.Status);
        Assert.Equal(bars.Count, report.EquityCurve.Count);
        Assert.Equal(bars[^1].CloseTime, report.EquityCurve[^1].Timestamp);
        Assert.NotEmpty(report.Fills);
        Assert.NotEmpty(report.Signals);
        Assert.Equal(report.Statistics.TotalSignals, report.Signals.Count);
        Assert.Equal(report.Statistics.TotalTrades, report.Fills.Count);
        Assert.Equal(report.EquityCurve[^1].Equity - Settings.StartingCash, report.Statistics.NetPnl);
        var identity = report.Statistics.RealizedPnl + report.Statistics.UnrealizedPnl - report.Statistics.Commissions;
        Assert.True(Math.Abs(identity - report.Statistics.NetPnl) < 1e-12m, $"{identity} vs {report.Statistics.NetPnl}");
    }

    [Fact]
    public void Bars_out_of_order_are_refused()
    {
        var bars = Walk(3, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => BacktestRunner.Run(new CrossStrategy(), [bars[1], bars[0]], Settings));
    }

    [Fact]
    public void Empty_data_completes()
    {
        var report = BacktestRunner.Run(new CrossStrategy(), [], Settings);
        Assert.Equal(RunStatus.Completed, report.Status);
        Assert.Empty(report.EquityCurve);
    }

    /// <summary>The benchmark's shape: two EMAs in double, market orders on crosses.</summary>
    private sealed class EmaCross : Strategy
    {
        private double _fast;
        private double _slow;
        private int _n;

        public override void OnBar(Bar bar)
        {
            var close = (double)bar.Close.Value;
            _fast = _n == 0 ? close : _fast + ((close - _fast) * 2 / 11);
            _slow = _n == 0 ? close : _slow + ((close - _slow) * 2 / 31);
            if (++_n < 30)
            {
                return;
            }

            var position = Portfolio.Position(bar.Instrument).NetQuantity;
            if (_fast > _slow && position <= 0m)
            {
                Buy(bar.Instrument, 10m);
            }
            else if (_fast < _slow && position > 0m)
            {
                Sell(bar.Instrument, position);
            }
        }
    }
}
