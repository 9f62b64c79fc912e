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
    public void A_strategy_without_budget_probes_over_its_allocation_budget_fails_its_run_when_the_callback_returns()
    {
        var allocated = 0;
        var strategy = new ScriptedStrategy { OnBarAction = (_, bar) => allocated += new byte[bar.Close.Value > 100m ? 64 * 1024 : 16].Length };
        var h = new Harness(Kit.Settings() with { CallbackLimits = new CallbackLimits(TimeSpan.FromMinutes(1), 32 * 1024) }, strategy);

        h.Feed(Kit.Flat(0, 100m));
        Assert.Equal(RunStatus.Running, h.Run.Status);
        h.Feed(Kit.Flat(1, 101m));

        Assert.Equal(RunStatus.Error, h.Run.Status);
        var error = Assert.Single(h.Sink.Of<StrategyErrored>());
        Assert.Equal(("OnBar", typeof(Bourse.Sdk.Sandbox.CallbackBudgetExceededException).FullName), (error.Callback, error.ExceptionType));
        Assert.Contains("more than its allocation budget of 32768 bytes", error.Message, StringComparison.Ordinal);
        Assert.True(allocated > 64 * 1024);
    }

    [Fact]
    public void Start_twice_throws()
    {
        var h = new Harness();
        Assert.Throws<InvalidOperationException>(() => h.Run.Start());
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
        var events = new RecordingSink();
        var report = BacktestRunner.Run(new CrossStrategy(), bars, Settings, events);
        Assert.Equal(RunStatus.Completed, report.Status);
        Assert.Equal(bars.Count, report.EquityCurve.Count);
        Assert.Equal(bars[^1].CloseTime, report.EquityCurve[^1].Timestamp);
        Assert.NotEmpty(report.Fills);
        var signals = events.Events.OfType<SignalRecorded>().Count();
        Assert.True(signals > 0);
        Assert.Equal(report.Statistics.TotalSignals, signals);
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
