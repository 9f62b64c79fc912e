using Bourse.Engine.Clock;
using Bourse.Engine.Runs;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Strategies;

namespace Bourse.Engine.Backtesting;

/// <summary>The outcome of a backtest.</summary>
/// <param name="Statistics">Final statistics.</param>
/// <param name="Status">Completed, or Error when the strategy hit max errors.</param>
/// <param name="Fills">Every fill, in order.</param>
/// <param name="EquityCurve">Equity at every bar close time.</param>
/// <param name="Signals">Every recorded signal, in order.</param>
public sealed record BacktestReport(
    RunStatistics Statistics,
    RunStatus Status,
    IReadOnlyList<OrderFilled> Fills,
    IReadOnlyList<EquityPoint> EquityCurve,
    IReadOnlyList<SignalRecorded> Signals);

/// <summary>
/// Replays bars through a <see cref="TradingRun"/> on a <see cref="SimulatedClock"/>: the clock starts at the first
/// bar's open time (when <see cref="Strategy.OnStart"/> runs), is set to each bar's close time before the bar is
/// delivered, and the run stops with <see cref="RunStatus.Completed"/> at the end of the data (or earlier with
/// <see cref="RunStatus.Error"/>).
/// </summary>
public static class BacktestRunner
{
    /// <summary>Runs a backtest. <paramref name="bars"/> may mix the run's instruments but must be in close-time order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bar closes before the previous one (bars out of order).</exception>
    public static BacktestReport Run(Strategy strategy, IEnumerable<Bar> bars, RunSettings settings) =>
        Run(strategy, bars, settings, null);

    /// <summary>Runs a backtest, also passing every event to <paramref name="observer"/> (e.g. a progress or persistence sink).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bar closes before the previous one (bars out of order).</exception>
    public static BacktestReport Run(Strategy strategy, IEnumerable<Bar> bars, RunSettings settings, IRunEventSink? observer)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(settings);
        var collector = new ReportCollector(observer);
        using var e = bars.GetEnumerator();
        var hasData = e.MoveNext();
        var clock = new SimulatedClock(hasData ? e.Current.OpenTime : DateTime.UnixEpoch);
        var run = new TradingRun(settings, strategy, clock, collector);
        run.Start();
        if (hasData)
        {
            do
            {
                var bar = e.Current;
                clock.SetUtcNow(bar.CloseTime);
                run.OnBar(bar);
            }
            while (run.Status == RunStatus.Running && e.MoveNext());
        }

        if (run.Status == RunStatus.Running)
        {
            run.Stop(RunStatus.Completed, hasData ? "end of data" : "no data");
        }

        return new BacktestReport(run.Statistics(), run.Status, collector.Fills, run.EquityCurve, collector.Signals);
    }

    private sealed class ReportCollector(IRunEventSink? observer) : IRunEventSink
    {
        public List<OrderFilled> Fills { get; } = [];

        public List<SignalRecorded> Signals { get; } = [];

        public void Publish(RunEvent runEvent)
        {
            switch (runEvent)
            {
                case OrderEventRecorded { Event: OrderFilled fill }:
                    Fills.Add(fill);
                    break;
                case SignalRecorded signal:
                    Signals.Add(signal);
                    break;
            }

            observer?.Publish(runEvent);
        }
    }
}
