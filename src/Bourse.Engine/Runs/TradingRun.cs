using Bourse.Sdk.MarketData;
using Bourse.Sdk.Portfolio;
using Bourse.Sdk.Strategies;

namespace Bourse.Engine.Runs;

/// <summary>
/// The single-threaded, deterministic kernel of one run: data in, strategy callbacks, risk, simulated
/// exchange, portfolio, statistics, events out. Not thread-safe by design: the owner (backtest loop or
/// live run host) calls it from one thread at a time. Backtest, paper and live use this same class;
/// only the clock and the source of data differ.
/// </summary>
public sealed class TradingRun
{
    /// <param name="settings">The run's settings.</param>
    /// <param name="strategy">A fresh strategy instance (parameters already bound).</param>
    /// <param name="clock">The run's clock: a simulated clock in backtests, the feed's clock live.</param>
    /// <param name="sink">Receives every event; must not block.</param>
    public TradingRun(RunSettings settings, Strategy strategy, TimeProvider clock, IRunEventSink sink)
    {
        throw new NotImplementedException();
    }

    /// <summary>The run's settings.</summary>
    public RunSettings Settings => throw new NotImplementedException();

    /// <summary>Current status.</summary>
    public RunStatus Status => throw new NotImplementedException();

    /// <summary>The run's paper account.</summary>
    public IPortfolioView Portfolio => throw new NotImplementedException();

    /// <summary>Calls <see cref="Strategy.OnStart"/> and publishes <see cref="RunStarted"/>.</summary>
    /// <exception cref="InvalidOperationException">The run was already started.</exception>
    public void Start() => throw new NotImplementedException();

    /// <summary>
    /// Processes one completed bar (delivered at its close time): fires due timers, lets the simulated
    /// exchange match working orders against the bar, marks the portfolio to market, then calls
    /// <see cref="Strategy.OnBar"/>. Bars of instruments the run does not trade are ignored.
    /// Ignored unless the run is <see cref="RunStatus.Running"/>.
    /// </summary>
    public void OnBar(Bar bar) => throw new NotImplementedException();

    /// <summary>Fires timers due at the clock's current time (called periodically by live hosts).</summary>
    public void AdvanceTime() => throw new NotImplementedException();

    /// <summary>Cancels working orders, calls <see cref="Strategy.OnStop"/> and publishes <see cref="RunStopped"/>.</summary>
    /// <param name="status">Stopped, or Completed for a backtest that used all its data.</param>
    /// <param name="reason">Why the run stops.</param>
    public void Stop(RunStatus status, string reason) => throw new NotImplementedException();

    /// <summary>Statistics so far.</summary>
    public RunStatistics Statistics() => throw new NotImplementedException();
}
