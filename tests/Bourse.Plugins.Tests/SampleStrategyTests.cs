using Bourse.Sdk.Orders;
using Bourse.Sdk.Signals;
using Bourse.Strategies;

namespace Bourse.Plugins.Tests;

/// <summary>
/// The sample strategies' signal logic on real SPY daily bars. Expected crossings were computed independently in
/// Python from the textbook EMA/RSI formulas (EMA strengths: min(1, 0.5 + 500·|gap|/slow)) (see tests/Bourse.Sdk.Tests/Indicators/reference_values.py) — these are
/// unit checks of the rules, not backtests (those come with the engine).
/// </summary>
public sealed class SampleStrategyTests
{
    [Fact]
    public void Ema_crossover_signals_every_cross_of_the_12_and_26_emas()
    {
        var strategy = StrategyPlugin.FromType(typeof(EmaCrossover)).CreateInstance();

        var run = RecordingContext.Run(strategy, RecordingContext.SpyBars);

        (int Bar, SignalType Type, double Strength)[] expected =
        [
            (70, SignalType.Sell, 0.734), (76, SignalType.Buy, 0.6895), (158, SignalType.Sell, 0.6585), (167, SignalType.Buy, 0.63),
            (277, SignalType.Sell, 1), (289, SignalType.Buy, 0.5645), (290, SignalType.Sell, 0.569), (297, SignalType.Buy, 1),
            (306, SignalType.Sell, 1), (325, SignalType.Buy, 0.5485), (328, SignalType.Sell, 1), (339, SignalType.Buy, 0.733),
            (375, SignalType.Sell, 0.609), (379, SignalType.Buy, 0.612), (446, SignalType.Sell, 1),
        ];
        Assert.Equal(expected.Select(e => (e.Bar, e.Type)), run.Signals.Select(s => (s.Bar, s.Signal.Type)));
        Assert.All(expected.Zip(run.Signals), pair => Assert.Equal(pair.First.Strength, pair.Second.Signal.Strength, 0.0003));
        Assert.All(run.Signals, s => Assert.Equal(RecordingContext.SpyBars[s.Bar].Close, s.Signal.Price));
        Assert.All(run.Signals, s => Assert.Equal(["fast_ema", "slow_ema"], s.Signal.Metadata!.Keys.Order()));
        Assert.Empty(run.Orders);
    }

    [Fact]
    public void Ema_crossover_keeps_instruments_apart_and_honours_its_periods()
    {
        var strategy = StrategyPlugin.FromType(typeof(EmaCrossover)).CreateInstance(new Dictionary<string, string> { ["FastPeriod"] = "5", ["SlowPeriod"] = "10" });
        var other = new Bourse.Sdk.Identifiers.InstrumentId("QQQ", "ARCA");
        var interleaved = RecordingContext.SpyBars.SelectMany(b => new[] { b, b with { Instrument = other } });

        var run = RecordingContext.Run(strategy, interleaved);

        var spy = run.Signals.Where(s => s.Signal.Instrument == RecordingContext.Spy).Select(s => (s.Bar / 2, s.Signal.Type)).ToArray();
        var qqq = run.Signals.Where(s => s.Signal.Instrument == other).Select(s => (s.Bar / 2, s.Signal.Type)).ToArray();
        Assert.NotEmpty(spy);
        Assert.Equal(spy, qqq);
        Assert.True(spy.Length > 15, "Faster averages cross more often than 12/26.");
    }

    [Fact]
    public void Rsi_mean_reversion_signals_when_rsi_leaves_the_band()
    {
        var strategy = StrategyPlugin.FromType(typeof(RsiMeanReversion)).CreateInstance();

        var run = RecordingContext.Run(strategy, RecordingContext.SpyBars);

        // Python reference: bar index and RSI(14) at each crossing of 30 (downwards) or 70 (upwards).
        (int Bar, double Rsi)[] expected =
        [
            (27, 71.26), (104, 70.44), (115, 70.17), (187, 70.48), (207, 71.32), (212, 70.66), (228, 72.95), (236, 72.39),
            (241, 73.40), (245, 71.37), (249, 70.94), (252, 74.16), (274, 29.14), (277, 28.79), (392, 70.27), (417, 72.77),
            (446, 23.56), (456, 24.63), (459, 29.11), (494, 28.75),
        ];
        Assert.Equal(expected.Select(e => e.Bar), run.Signals.Select(s => s.Bar));
        foreach (var (want, got) in expected.Zip(run.Signals))
        {
            var buy = want.Rsi < 50;
            Assert.Equal(buy ? SignalType.Buy : SignalType.Sell, got.Signal.Type);
            var past = buy ? 30 - want.Rsi : want.Rsi - 70;
            Assert.Equal(Math.Min(1, 0.5 + (0.1 * past)), got.Signal.Strength, 0.001);
            Assert.Equal(want.Rsi, double.Parse(got.Signal.Metadata!["rsi"], System.Globalization.CultureInfo.InvariantCulture), 0.006);
        }

        Assert.Empty(run.Orders);
    }

    [Fact]
    public void Breakout_trader_sample_compiles_loads_and_trades_its_channel()
    {
        var compiled = Sources.Compiler.Compile(Sources.BreakoutTrader);
        Assert.True(compiled.Succeeded, string.Join(Environment.NewLine, compiled.Errors));
        var plugin = StrategyPlugin.Load(compiled.Assembly, "breakout-sample");
        Assert.Equal("Breakout Trader", plugin.Metadata.Name);
        Assert.Equal(["Lookback", "Quantity"], plugin.Metadata.Parameters.Select(p => p.Name));

        var bars = RecordingContext.SpyBars;
        var run = RecordingContext.Run(plugin.CreateInstance(new Dictionary<string, string> { ["Lookback"] = "20", ["Quantity"] = "10" }), bars);

        Assert.Contains(run.Orders, o => o.Order.Side == Side.Buy);
        Assert.Contains(run.Orders, o => o.Order.Side == Side.Sell);
        Assert.Equal(run.Orders.Count, run.Signals.Count);
        decimal position = 0;
        foreach (var ((bar, order), (signalBar, signal)) in run.Orders.Zip(run.Signals))
        {
            Assert.Equal(bar, signalBar);
            Assert.Equal(OrderType.Market, order.Type);
            var channel = bars.Skip(bar - 20).Take(20).ToArray();
            if (order.Side == Side.Buy)
            {
                Assert.Equal(0m, position);
                Assert.Equal(10m, order.Quantity.Value);
                Assert.True(bars[bar].Close > channel.Max(b => b.High));
                Assert.Equal(SignalType.Buy, signal.Type);
                position += 10m;
            }
            else
            {
                Assert.Equal(10m, position);
                Assert.Equal(10m, order.Quantity.Value);
                Assert.True(bars[bar].Close < channel.Min(b => b.Low));
                Assert.Equal(SignalType.Sell, signal.Type);
                position -= 10m;
            }
        }

        Assert.Contains(run.LogLines, l => l.Contains("started", StringComparison.Ordinal));
        Assert.Contains(run.LogLines, l => l.Contains("broke above", StringComparison.Ordinal));
        plugin.Unload();
    }
}
