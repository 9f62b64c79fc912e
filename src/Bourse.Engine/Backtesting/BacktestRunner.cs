using Bourse.Engine.Clock;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Strategies;

namespace Bourse.Engine.Backtesting;

/// <summary>The outcome of a backtest.</summary>
/// <param name="Statistics">Final statistics.</param>
/// <param name="Status">Completed, or Error when the strategy hit max errors.</param>
/// <param name="Fills">Every fill, in order.</param>
/// <param name="EquityCurve">Equity at every bar close time, or per trading day (<see cref="RunSettings.EquitySampling"/>).</param>
/// <remarks>Signals are counted in <see cref="RunStatistics"/>, not kept: a run emitting millions keeps none of them alive
/// (an observer passed to <see cref="BacktestRunner"/> receives every <see cref="SignalRecorded"/> if it wants them).</remarks>
public sealed record BacktestReport(
    RunStatistics Statistics,
    RunStatus Status,
    IReadOnlyList<OrderFilled> Fills,
    IReadOnlyList<EquityPoint> EquityCurve);

/// <summary>
/// Replays market data through a <see cref="TradingRun"/> on a <see cref="SimulatedClock"/>: the clock starts at the
/// first item (a bar's open time, a tick's timestamp; <see cref="Strategy.OnStart"/> runs then), is set to the time each
/// item is known (a bar's close, a tick's timestamp) before the item is delivered, and the run stops with
/// <see cref="RunStatus.Completed"/> at the end of the data (or earlier with <see cref="RunStatus.Error"/>). Bars go to
/// <see cref="TradingRun.OnBar"/>, trade ticks to <see cref="TradingRun.OnTrade"/>; <see cref="Replay{T}"/> takes any
/// mix (e.g. ticks and the bars built from them). Which data fills orders is the run's fill model
/// (<see cref="Execution.ExecutionSettings.FillModel"/>): bars for the bar model, ticks for the tick model.
/// </summary>
public static class BacktestRunner
{
    /// <summary>Runs a backtest. <paramref name="bars"/> may mix the run's instruments but must be in close-time order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bar closes before the previous one (bars out of order).</exception>
    public static BacktestReport Run(Strategy strategy, IEnumerable<Bar> bars, RunSettings settings) =>
        Run(strategy, bars, settings, null);

    /// <summary>Runs a backtest, also passing every event to <paramref name="observer"/> (e.g. a progress or persistence sink).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bar closes before the previous one (bars out of order).</exception>
    public static BacktestReport Run(Strategy strategy, IEnumerable<Bar> bars, RunSettings settings, IRunEventSink? observer) =>
        Replay(strategy, bars, static b => b.OpenTime, static b => b.CloseTime, static (run, b) => run.OnBar(b), settings, observer);

    /// <summary>
    /// Runs a backtest on trade ticks (in timestamp order, may mix the run's instruments), passing every event to
    /// <paramref name="observer"/> when given. Orders fill on the ticks with the tick fill model
    /// (<see cref="Execution.FillModelKind.Tick"/> in <see cref="RunSettings.Execution"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A tick is stamped before the previous one (ticks out of order).</exception>
    public static BacktestReport Run(Strategy strategy, IEnumerable<TradeTick> trades, RunSettings settings, IRunEventSink? observer = null) =>
        Replay(strategy, trades, static t => t.Timestamp, static t => t.Timestamp, static (run, t) => run.OnTrade(t), settings, observer);

    /// <summary>
    /// Runs a backtest on any time-ordered market data: <paramref name="time"/> says when an item is known (the clock is
    /// set to it first) and <paramref name="deliver"/> hands it to the run (<see cref="TradingRun.OnBar"/>,
    /// <see cref="TradingRun.OnTrade"/>, <see cref="TradingRun.OnQuote"/>, <see cref="TradingRun.OnOrderBook"/>).
    /// </summary>
    /// <typeparam name="T">The item type, e.g. a bar or a union of bars and ticks.</typeparam>
    /// <param name="strategy">A fresh strategy instance.</param>
    /// <param name="data">The items in <paramref name="time"/> order.</param>
    /// <param name="time">When an item is known, UTC.</param>
    /// <param name="deliver">Hands an item to the run.</param>
    /// <param name="settings">The run's settings.</param>
    /// <param name="observer">Receives every event of the run, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An item is known before the previous one (data out of order).</exception>
    public static BacktestReport Replay<T>(Strategy strategy, IEnumerable<T> data, Func<T, DateTime> time, Action<TradingRun, T> deliver, RunSettings settings, IRunEventSink? observer = null) =>
        Replay(strategy, data, time, time, deliver, settings, observer);

    private static BacktestReport Replay<T>(Strategy strategy, IEnumerable<T> data, Func<T, DateTime> start, Func<T, DateTime> time, Action<TradingRun, T> deliver, RunSettings settings, IRunEventSink? observer)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(deliver);
        ArgumentNullException.ThrowIfNull(settings);
        var collector = new ReportCollector(observer);
        using var e = data.GetEnumerator();
        var hasData = e.MoveNext();
        var clock = new SimulatedClock(hasData ? start(e.Current) : DateTime.UnixEpoch);
        var run = new TradingRun(settings, strategy, clock, collector);
        run.Start();
        if (data is T[] array)
        {
            Feed(run, clock, array, time, deliver); // an array's items without an enumerator's interface calls
        }
        else if (hasData)
        {
            do
            {
                var item = e.Current;
                clock.SetUtcNow(time(item));
                deliver(run, item);
            }
            while (run.Status == RunStatus.Running && e.MoveNext());
        }

        if (run.Status == RunStatus.Running)
        {
            run.Stop(RunStatus.Completed, hasData ? "end of data" : "no data");
        }

        return new BacktestReport(run.Statistics(), run.Status, collector.Fills, run.EquityCurve);
    }

    private static void Feed<T>(TradingRun run, SimulatedClock clock, T[] items, Func<T, DateTime> time, Action<TradingRun, T> deliver)
    {
        for (var i = 0; i < items.Length && run.Status == RunStatus.Running; i++)
        {
            var item = items[i];
            clock.SetUtcNow(time(item));
            deliver(run, item);
        }
    }

    /// <summary>Keeps the report's fills; without an observer it takes no bookkeeping events (the run does not build them).</summary>
    private sealed class ReportCollector(IRunEventSink? observer) : IRunEventSink
    {
        public bool TakesBookkeeping => observer?.TakesBookkeeping ?? false;

        public FillLog Fills { get; } = new();

        public void Publish(RunEvent runEvent) => observer?.Publish(runEvent);

        public void PublishOrder(RunId runId, long sequence, OrderEvent orderEvent)
        {
            if (orderEvent is OrderFilled fill)
            {
                Fills.Add(fill);
            }

            observer?.PublishOrder(runId, sequence, orderEvent);
        }
    }
}
