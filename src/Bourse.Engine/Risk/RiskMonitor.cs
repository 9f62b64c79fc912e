using System.Runtime.CompilerServices;
using Bourse.Engine.Accounting;
using Bourse.Engine.Execution;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Values;

namespace Bourse.Engine.Risk;

/// <summary>
/// The risk engine's side between orders: follows time (new trading days, cool-downs, the shared account's state),
/// prices (circuit breakers) and equity (loss limits, margin) and acts on them through the run's
/// <see cref="RunTradingState"/> and <see cref="ExecutionEngine"/>: breaches change the state, the kill switch cancels
/// and flattens, a margin call liquidates. Every observation is O(1) and allocation-free in the steady state; only
/// decisions (events) allocate.
/// </summary>
internal sealed class RiskMonitor
{
    /// <summary>The tag of the market orders that close positions for a kill switch.</summary>
    public const string KillTag = "kill-switch";

    /// <summary>The tag of the market orders that close margined positions at a margin call.</summary>
    public const string LiquidationTag = "liquidation";

    private readonly RunEventStream _events;
    private readonly PaperAccount _account;
    private readonly ExecutionEngine _execution;
    private readonly RunTradingState _state;
    private readonly LossLimits _limits;
    private readonly CircuitBreakers _breakers;
    private readonly RiskCounters _counters;
    private readonly Action<InstrumentId, DateTime> _onReset;
    private readonly List<ClientOrderId> _liquidations = [];
    private long _observedEquityVersion = -1;

    public RiskMonitor(
        RunEventStream events,
        PaperAccount account,
        ExecutionEngine execution,
        RunTradingState state,
        LossLimits limits,
        CircuitBreakers breakers,
        RiskCounters counters)
    {
        _events = events;
        _account = account;
        _execution = execution;
        _state = state;
        _limits = limits;
        _breakers = breakers;
        _counters = counters;
        _onReset = OnBreakerReset;
    }

    public TradingState State => _state.Effective;

    /// <summary>Why <see cref="State"/> is what it is (empty while Active from the start).</summary>
    public string StateReason => _state.EffectiveReason;

    /// <summary>Every instrument's circuit breaker at <paramref name="now"/>.</summary>
    public IReadOnlyList<CircuitBreakerState> CircuitBreakers(DateTime now) => _breakers.States(now);

    /// <summary>The equity when the current trading day began (the reference of the daily loss limit).</summary>
    public decimal DayStartEquity => _limits.DayStartEquity;

    /// <summary>Follows time: the shared account (carrying out its kill switch), a new trading day, ended cool-downs.</summary>
    public void OnTime(DateTime now)
    {
        if (_state.FollowsAccount)
        {
            SyncAccount(now);
        }

        if (_limits.IsNewDay(now))
        {
            StartDay(now);
        }

        _breakers.ResetDue(now, _onReset);
    }

    /// <summary>Follows a price of an instrument (bar close or trade) for its circuit breaker.</summary>
    public void OnPrice(InstrumentId instrument, DateTime now, decimal price)
    {
        if (_breakers.IsEnabled)
        {
            ObserveBreaker(instrument, now, price);
        }
    }

    /// <summary>
    /// Follows equity after a bar: loss limits, then the maintenance margin of margined positions. The run skips the
    /// call for marks its <see cref="QuietPriceBand"/> holds: they reach no limit and no margined position is open (a new
    /// peak they set reaches the limits before the next observation, <see cref="QuietPriceBand.SettlePeak"/>).
    /// </summary>
    public void OnEquity(DateTime now, decimal equity)
    {
        if (_account.EquityVersion == _observedEquityVersion)
        {
            return; // the same equity as the last observation: no new breach, no new margin shortfall
        }

        _observedEquityVersion = _account.EquityVersion;
        if (_limits.Observe(equity, _account.Currency) is { } breach)
        {
            _state.Breach(breach.Action, breach.Reason, now);
        }

        if (_account.HasMarginedPositions)
        {
            CheckMargin(now, equity);
        }
    }

    // The rare paths of OnTime and OnPrice stay out of line: inlined into the run's per-bar method, their struct
    // temporaries (with references) would be zeroed on every bar.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SyncAccount(DateTime now)
    {
        if (_state.SyncAccount(now) is { } kill)
        {
            Kill(now, TradingStateScope.Account, kill.Reason, kill.Flatten);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void StartDay(DateTime now)
    {
        _limits.StartDay(now, _account.EquityAmount);
        _state.NewDay(now);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ObserveBreaker(InstrumentId instrument, DateTime now, decimal price)
    {
        if (_breakers.Observe(instrument, now, price) is { } trip)
        {
            _counters.CircuitBreakerTrips++;
            _events.Publish(new CircuitBreakerTripped(_events.RunId, _events.Next(), now, trip.Instrument, trip.Reference, trip.Price, trip.Move, trip.ResumesAt, trip.Reason));
        }
    }

    /// <summary>Sets the run's own trading state (an operator's decision).</summary>
    public void SetState(TradingState state, string reason, DateTime now) => _state.Set(state, reason, now);

    /// <summary>
    /// The kill switch: halts the run, cancels every open order at once (no simulated latency) and, when
    /// <paramref name="flatten"/>, sends a reduce-only market order closing every open position (tagged <see cref="KillTag"/>,
    /// exempt from the checks; it reaches the venue like any order).
    /// </summary>
    public void Kill(DateTime now, TradingStateScope scope, string reason, bool flatten)
    {
        _state.Set(TradingState.Halted, $"kill switch: {reason}", now);
        var positions = flatten ? _account.OpenPositions : [];
        _counters.KillSwitches++;
        _events.Publish(new KillSwitchActivated(_events.RunId, _events.Next(), now, scope, flatten, _execution.OpenOrderIds().Count, positions.Count, reason));
        _execution.CancelAll(null, $"kill switch: {reason}", immediate: true);
        foreach (var position in positions)
        {
            Close(position.Instrument, position.NetQuantity, KillTag);
        }
    }

    private void CheckMargin(DateTime now, decimal equity)
    {
        var maintenance = _account.MaintenanceMarginAmount;
        if (equity >= maintenance || LiquidationWorking())
        {
            return;
        }

        var margined = new List<(InstrumentId Instrument, decimal Net)>();
        foreach (var position in _account.OpenPositions)
        {
            if (_account.Ledger(position.Instrument) is { IsMargined: true })
            {
                margined.Add((position.Instrument, position.NetQuantity));
            }
        }

        var ccy = _account.Currency;
        var reason = $"margin call: equity {Invariant.Num(equity)} {ccy} fell below the maintenance margin {Invariant.Num(maintenance)} {ccy}; margined positions are liquidated at market";
        _counters.MarginCalls++;
        _events.Publish(new MarginCalled(_events.RunId, _events.Next(), now, ccy, equity, maintenance, margined.Count, reason));
        _execution.CancelAll(null, reason, immediate: true);
        _liquidations.Clear();
        foreach (var (instrument, net) in margined)
        {
            _liquidations.Add(Close(instrument, net, LiquidationTag));
        }
    }

    private bool LiquidationWorking()
    {
        foreach (var id in _liquidations)
        {
            if (_execution.IsOpen(id))
            {
                return true;
            }
        }

        return false;
    }

    private ClientOrderId Close(InstrumentId instrument, decimal net, string tag)
    {
        var side = net > 0m ? Side.Sell : Side.Buy;
        var request = new OrderRequest(instrument, side, OrderType.Market, new Quantity(Math.Abs(net)), Tag: tag, ReduceOnly: true);
        return _execution.Submit(request, riskExempt: true).Id;
    }

    private void OnBreakerReset(InstrumentId instrument, DateTime now)
    {
        _counters.CircuitBreakerResets++;
        _events.Publish(new CircuitBreakerReset(_events.RunId, _events.Next(), now, instrument, $"circuit breaker on {instrument} reset after its cool-down: orders are accepted again"));
    }
}
