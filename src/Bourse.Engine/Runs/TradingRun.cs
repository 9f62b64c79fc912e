using Bourse.Engine.Accounting;
using Bourse.Engine.Backtesting;
using Bourse.Engine.Clock;
using Bourse.Engine.Execution;
using Bourse.Engine.Risk;
using Bourse.Engine.Runs.Recovery;
using Bourse.Engine.Signals;
using Bourse.Engine.Statistics;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Portfolio;
using Bourse.Sdk.Sandbox;
using Bourse.Sdk.Signals;
using Bourse.Sdk.Strategies;
using Bourse.Sdk.Values;

namespace Bourse.Engine.Runs;

/// <summary>
/// The single-threaded, deterministic kernel of one run: data in, strategy callbacks, risk, simulated
/// exchange, portfolio, statistics, events out. Not thread-safe by design: the owner (backtest loop or
/// live run host) calls it from one thread at a time. Backtest, paper and live use this same class;
/// only the clock and the source of data differ.
/// </summary>
/// <remarks>
/// Every time value comes from the clock. Order events for the strategy (fills, rejections) are delivered after
/// the callback that caused them returns, never re-entrantly. Strategy exceptions are caught, published as
/// <see cref="StrategyErrored"/> plus an Error <see cref="LogWritten"/> (source "engine") and counted; at
/// <see cref="RunSettings.MaxErrors"/> the run stops with <see cref="RunStatus.Error"/>. Every callback runs under the
/// run's <see cref="CallbackLimits"/>: one that exceeds its time or allocation budget stops the run at once with
/// <see cref="RunStatus.Error"/> and the reason. An
/// <see cref="AccountUpdated"/> mark-to-market is published once per equity sample (per bar close time, or per trading day
/// with <see cref="RunSettings.EquitySampling"/>; when time moves past the sample, or at stop), besides the one after every fill.
/// </remarks>
public sealed class TradingRun
{
    private const string EngineSource = "engine";

    /// <summary>The source of the execution-log lines reconciliation writes at a resume.</summary>
    public const string ReconciliationSource = "reconciliation";

    private readonly Strategy _strategy;
    private readonly bool _probed; // the strategy's code checks its budget from inside (sandbox-compiled): its callbacks arm it on the thread
    private readonly long _callbackTimeMs; // Settings.CallbackLimits, as CallbackBudget.Measure takes them
    private readonly long _callbackAllocationBytes;
    private readonly TimeProvider _clock;
    private readonly RunEventStream _events;
    private readonly InstrumentCatalog _instruments;
    private readonly PaperAccount _account;
    private readonly RiskMonitor _risk;
    private readonly RiskCounters _riskCounters = new();
    private readonly RiskEngine _preTrade;
    private readonly ExecutionEngine _execution;
    private readonly SignalRouter _signals;
    private readonly TimerSchedule _timers = new();
    private readonly EquityCurve _curve;
    private readonly LossLimits _limits;
    private readonly QuietPriceBand _quietBand = new();
    private InstrumentId _lastValued; // the instrument of the last mark FollowEquity valued
    private readonly RunCounters _counters = new();
    private readonly IVenueReconciliation? _broker;
    private RunStatus _status = RunStatus.Created;
    private bool _stopping;
    private bool _finished;
    private DateTime? _pendingMark;
    private long _lastSignalId;
    private StrategyState? _savedState;

    /// <param name="settings">The run's settings.</param>
    /// <param name="strategy">A fresh strategy instance (parameters already bound).</param>
    /// <param name="clock">The run's clock: a simulated clock in backtests, the feed's clock live.</param>
    /// <param name="sink">Receives every event; must not block.</param>
    /// <exception cref="ArgumentException">An instrument is listed twice, its quote currency has no conversion into the account currency, or the leverage is out of range.</exception>
    public TradingRun(RunSettings settings, Strategy strategy, TimeProvider clock, IRunEventSink sink)
        : this(settings, strategy, clock, sink, null, null)
    {
    }

    /// <summary>
    /// A run with its own fill and fee models (e.g. the order-book fill model); null takes the model its
    /// <see cref="RunSettings.Execution"/> selects (by default <see cref="BarFillModel"/> and maker/taker fees at <see cref="RunSettings.FeeBps"/>).
    /// </summary>
    /// <exception cref="ArgumentException">An instrument is listed twice, its quote currency has no conversion into the account currency, the leverage is out of range, or the execution settings are invalid.</exception>
    public TradingRun(RunSettings settings, Strategy strategy, TimeProvider clock, IRunEventSink sink, IFillModel? fillModel, IFeeModel? feeModel)
        : this(settings, strategy, clock, sink, fillModel, feeModel, null)
    {
    }

    /// <summary>
    /// A run that trades through a broker instead of the simulated exchange: its orders, modifications and cancels go to
    /// <paramref name="broker"/>, and the broker's answers are applied when the owner passes them to <see cref="OnVenueReport"/>
    /// (fills at the broker's price and commission). A broker that also implements <see cref="IVenueReconciliation"/>
    /// is the venue a resumed run reconciles with.
    /// </summary>
    /// <exception cref="ArgumentException">As the other constructors.</exception>
    public TradingRun(RunSettings settings, Strategy strategy, TimeProvider clock, IRunEventSink sink, IExecutionClient broker)
        : this(settings, strategy, clock, sink, null, null, broker ?? throw new ArgumentNullException(nameof(broker)))
    {
    }

    private TradingRun(RunSettings settings, Strategy strategy, TimeProvider clock, IRunEventSink sink, IFillModel? fillModel, IFeeModel? feeModel, IExecutionClient? broker)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(sink);
        var execution = settings.Execution ?? ExecutionSettings.Default;
        if (execution.Problem() is { } problem)
        {
            throw new ArgumentException($"Invalid execution settings: {problem}.", nameof(settings));
        }

        Settings = settings;
        _strategy = strategy;
        _probed = strategy.GetType().Assembly.IsDefined(typeof(BudgetProbesAttribute), inherit: false);
        _callbackTimeMs = CallbackBudget.WholeMilliseconds(settings.CallbackLimits.Time);
        _callbackAllocationBytes = settings.CallbackLimits.AllocationBytes;
        _clock = clock;
        _events = new RunEventStream(settings.RunId, sink);
        _instruments = new InstrumentCatalog(settings.Instruments);
        _account = new PaperAccount(settings.Currency, settings.StartingCash, settings.Instruments, settings.Risk.Leverage, settings.ConversionRates);
        var tradingState = new RunTradingState(_events, _riskCounters, settings.Account);
        var breakers = new CircuitBreakers(settings.Risk.CircuitBreaker, settings.Instruments);
        var risk = _preTrade = new RiskEngine(settings.Risk, _instruments, _account, tradingState, breakers, _riskCounters);
        _execution = new ExecutionEngine(
            _events, clock, _instruments, _account, risk, fillModel ?? execution.CreateFillModel(settings.Instruments), execution,
            feeModel ?? execution.CreateFeeModel(settings.FeeBps), _counters, broker)
        {
            QueuesStrategyEvents = OrderCallbacks.AreHandled(strategy.GetType()), // no order callback overridden: no order events queued
        };
        _broker = broker as IVenueReconciliation;
        _limits = new LossLimits(settings.Risk, settings.Calendar);
        _risk = new RiskMonitor(_events, _account, _execution, tradingState, _limits, breakers, _riskCounters);
        _signals = new SignalRouter(settings.Risk, _instruments, _account);
        _curve = new EquityCurve(settings.EquitySampling, settings.Calendar);
        strategy.Attach(new StrategyContext(this));
    }

    /// <summary>The run's settings.</summary>
    public RunSettings Settings { get; }

    /// <summary>Current status.</summary>
    public RunStatus Status => _status;

    /// <summary>The run's paper account.</summary>
    public IPortfolioView Portfolio => _account;

    /// <summary>The trading state orders obey now: the stricter of the run's own and its shared account's.</summary>
    public TradingState TradingState => _risk.State;

    /// <summary>Why <see cref="TradingState"/> is what it is (a loss limit, an operator, a kill switch; empty while Active from the start).</summary>
    public string TradingStateReason => _risk.StateReason;

    /// <summary>Every instrument's circuit breaker now (empty when <see cref="RiskSettings.CircuitBreaker"/> is null).</summary>
    public IReadOnlyList<CircuitBreakerState> CircuitBreakers => _risk.CircuitBreakers(UtcNow);

    /// <summary>
    /// A paused run keeps its strategy, orders and positions and keeps following the market (matching, marking, risk),
    /// but its strategy is not evaluated: no market data callback and no timer reaches it (order events still do, so its
    /// state stays true), and a signal it emits meanwhile is recorded, not executed ("the strategy is paused"). Set it on
    /// the run's loop.
    /// </summary>
    public bool Paused { get; set; }

    /// <summary>Equity sampled so far: one point per distinct bar close time, or per trading day (see <see cref="RunSettings.EquitySampling"/>).</summary>
    public IReadOnlyList<EquityPoint> EquityCurve => _curve.Points;

    /// <summary>Orders of this run that are still open (held by an order list, on their way to the venue, or working), oldest first.</summary>
    public IReadOnlyList<ClientOrderId> OpenOrders => _execution.OpenOrderIds();

    /// <summary>The run's time: the time of the market data event being processed, else the clock's (see <see cref="ExecutionEngine.MarketTime"/>).</summary>
    internal DateTime UtcNow => _execution.MarketTime ?? _clock.GetUtcNow().UtcDateTime;

    private bool IsLive => _status == RunStatus.Running && !_stopping;

    /// <summary>Calls <see cref="Strategy.OnStart"/> and publishes <see cref="RunStarted"/>.</summary>
    /// <exception cref="InvalidOperationException">The run was already started.</exception>
    public void Start()
    {
        if (_status != RunStatus.Created)
        {
            throw new InvalidOperationException($"Run {Settings.RunId} was already started (status {_status}).");
        }

        _status = RunStatus.Running;
        var now = UtcNow;
        _curve.Start(now, _account.EquityAmount);
        _events.Publish(new RunStarted(Settings.RunId, _events.Next(), now));
        _risk.OnTime(now);
        Invoke("OnStart", static (s, _) => s.OnStart(), 0);
        DeliverOrderEvents();
    }

    /// <summary>
    /// Starts a run again after a server restart, instead of <see cref="Start"/>: carries the counters and id numbering
    /// on, replays the persisted fills into the account (positions, cash, P&amp;L, statistics), restores the open orders
    /// into the venue, publishes <see cref="RunResumed"/>, reconciles with the venue (<paramref name="venue"/>, or the
    /// paper venue's restored book when null): every difference is a warning log line (source "reconciliation") and an
    /// order open in the database but not at the venue is canceled; then calls <see cref="Strategy.OnLoad"/> with the
    /// saved state and <see cref="Strategy.OnStart"/>. The equity curve starts again at the resume.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run was already started.</exception>
    public void Resume(RunRecovery recovery, IVenueReconciliation? venue = null)
    {
        ArgumentNullException.ThrowIfNull(recovery);
        if (_status != RunStatus.Created)
        {
            throw new InvalidOperationException($"Run {Settings.RunId} was already started (status {_status}).");
        }

        _status = RunStatus.Running;
        var now = UtcNow;
        RestoreCounts(recovery.Counts);
        var commissions = new Dictionary<ClientOrderId, decimal>();
        foreach (var fill in recovery.Fills)
        {
            _execution.Replay(fill);
            commissions[fill.OrderId] = commissions.GetValueOrDefault(fill.OrderId) + fill.Commission;
        }

        var unrestored = new List<string>();
        foreach (var order in recovery.OpenOrders)
        {
            if (_execution.Restore(order, commissions.GetValueOrDefault(order.Id)) is { } problem)
            {
                unrestored.Add($"order {order.Id} could not be restored: {problem}");
            }
        }

        venue ??= _broker;
        var differences = Reconciliation.Compare(recovery.OpenOrders, recovery.Fills, (venue ?? new PaperVenue(_execution)).Snapshot());
        _curve.Start(now, _account.EquityAmount);
        _events.Publish(new RunResumed(Settings.RunId, _events.Next(), now, recovery.Fills.Count, recovery.OpenOrders.Count - unrestored.Count, differences.Count));
        unrestored.ForEach(line => _events.Log(now, StrategyLogLevel.Warning, ReconciliationSource, line));
        Reconcile(differences, venue?.Venue ?? PaperVenue.Name, recovery, now);
        _savedState = recovery.State;
        _risk.OnTime(now);
        Invoke("OnLoad", static (s, state) => s.OnLoad(state), recovery.State);
        Invoke("OnStart", static (s, _) => s.OnStart(), 0);
        DeliverOrderEvents();
    }

    /// <summary>
    /// Calls <see cref="Strategy.OnSave"/> and publishes <see cref="StrategyStateSaved"/> when the state differs from the
    /// last one saved (or loaded). Ignored unless the run is running. Hosts call it periodically; stop and suspend save too.
    /// </summary>
    public void SaveState()
    {
        if (IsLive)
        {
            Save(UtcNow);
        }
    }

    /// <summary>
    /// Ends the run's processing for a server shutdown without ending the run: publishes the pending mark, saves the
    /// strategy state and publishes <see cref="RunSuspended"/>. Working orders stay working and <see cref="Strategy.OnStop"/>
    /// is not called: the run resumes at the next start (<see cref="Resume"/>). Ignored unless the run is running.
    /// </summary>
    public void Suspend(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!IsLive)
        {
            return;
        }

        var now = UtcNow;
        if (_pendingMark is { } t)
        {
            _events.Account(t, _account);
            _pendingMark = null;
        }

        Save(now);
        if (!IsLive)
        {
            return; // OnSave broke its budget and failed the run
        }

        _stopping = true;
        _status = RunStatus.Suspended;
        _execution.Inbox.Clear();
        _events.Publish(new RunSuspended(Settings.RunId, _events.Next(), now, reason));
        _finished = true;
    }

    /// <summary>
    /// Processes one completed bar (delivered at its close time): fires due timers, lets the simulated
    /// exchange match working orders against the bar, marks the portfolio to market, then calls
    /// <see cref="Strategy.OnBar"/>. Bars of instruments the run does not trade are ignored.
    /// Ignored unless the run is <see cref="RunStatus.Running"/>.
    /// </summary>
    public void OnBar(Bar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        if (!Admit(bar.Instrument, bar.CloseTime, out var now))
        {
            return;
        }

        _account.Mark(bar.Instrument, bar.Close.Value);
        _risk.OnPrice(bar.Instrument, now, bar.Close.Value);
        _execution.Match(bar);
        DeliverOrderEvents();
        if (!IsLive)
        {
            return;
        }

        FollowEquity(now, bar.Period.Span, bar.Instrument, bar.Close.Value);
        Evaluate("OnBar", static (s, b) => s.OnBar(b), bar);
        DeliverOrderEvents();
    }

    /// <summary>
    /// Processes one trade tick (delivered at its timestamp): fires due timers, marks the instrument at the trade
    /// price, matches working orders against the trade (with the tick fill model), shows the equity to the loss limits
    /// and the margin check (and samples it when the curve is per trading day), then calls <see cref="Strategy.OnTrade"/>.
    /// Ticks of instruments the run does not trade are ignored.
    /// </summary>
    public void OnTrade(TradeTick trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        if (!Admit(trade.Instrument, trade.Timestamp, out var now))
        {
            return;
        }

        _account.Mark(trade.Instrument, trade.Price.Value);
        _risk.OnPrice(trade.Instrument, now, trade.Price.Value);
        _execution.Match(trade);
        DeliverOrderEvents();
        if (!IsLive)
        {
            return;
        }

        FollowEquity(now, null, trade.Instrument, trade.Price.Value);
        Evaluate("OnTrade", static (s, t) => s.OnTrade(t), trade);
        DeliverOrderEvents();
    }

    /// <summary>
    /// Processes one quote tick: fires due timers, matches working orders against the quote (with the tick fill model),
    /// then calls <see cref="Strategy.OnQuote"/>. Quotes do not mark positions (the last trade price does). Quotes of
    /// instruments the run does not trade are ignored.
    /// </summary>
    public void OnQuote(QuoteTick quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        if (!Admit(quote.Instrument, quote.Timestamp, out _))
        {
            return;
        }

        _execution.Match(quote);
        DeliverOrderEvents();
        Evaluate("OnQuote", static (s, q) => s.OnQuote(q), quote);
        DeliverOrderEvents();
    }

    /// <summary>
    /// Processes one order-book message of a traded instrument: fires due timers, lets the order-book fill model
    /// update its book and match working orders on it (other fill models ignore books), marks the instrument at the
    /// book's mid price and shows it to the circuit breakers (order-book model only), then calls <see cref="Strategy.OnOrderBook"/>.
    /// </summary>
    public void OnOrderBook(OrderBookMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Admit(message.Instrument, message.Timestamp, out var now))
        {
            return;
        }

        _execution.Match(message);
        if (_execution.BookMid(message.Instrument) is { } mid)
        {
            _account.Mark(message.Instrument, mid);
            _risk.OnPrice(message.Instrument, now, mid);
        }

        DeliverOrderEvents();
        Evaluate("OnOrderBook", static (s, m) => s.OnOrderBook(m), message);
        DeliverOrderEvents();
    }

    /// <summary>Fires timers due at the clock's current time, delivers commands that reached the venue and expires DAY/GTD orders due (called periodically by live hosts).</summary>
    public void AdvanceTime()
    {
        if (!IsLive)
        {
            return;
        }

        _execution.MarketTime = null;
        var now = UtcNow;
        FlushMark(now);
        _risk.OnTime(now);
        _execution.Advance(now);
        FireTimers(now);
        DeliverOrderEvents();
    }

    /// <summary>Cancels working orders, calls <see cref="Strategy.OnStop"/> and publishes <see cref="RunStopped"/>. Later calls are ignored.</summary>
    /// <param name="status">Stopped, or Completed for a backtest that used all its data (Error is used by the kernel itself).</param>
    /// <param name="reason">Why the run stops.</param>
    /// <exception cref="ArgumentException">The status is Created or Running.</exception>
    public void Stop(RunStatus status, string reason)
    {
        if (status is RunStatus.Created or RunStatus.Running)
        {
            throw new ArgumentException($"A run cannot stop with status {status}.", nameof(status));
        }

        if (_stopping || _finished)
        {
            return;
        }

        _stopping = true;
        var wasStarted = _status == RunStatus.Running;
        _status = status;
        var now = UtcNow;
        if (wasStarted)
        {
            if (_pendingMark is { } t)
            {
                _events.Account(t, _account);
                _pendingMark = null;
            }

            _execution.CancelAll(null, $"run stopped: {reason}", immediate: true);
            Invoke("OnStop", static (s, _) => s.OnStop(), 0);
            Save(now);
        }

        _execution.Inbox.Clear();
        _events.Publish(new RunStopped(Settings.RunId, _events.Next(), now, status, reason));
        _finished = true;
    }

    /// <summary>
    /// Applies a broker's answer about one of the run's orders (a run built with an <see cref="IExecutionClient"/>): the
    /// order moves through its state machine, a fill reaches the portfolio, and the strategy hears of it after this call.
    /// Call it on the run's loop. A report that fits no open order at the broker (a duplicate, a late answer) is ignored,
    /// as is every report once the run stopped.
    /// </summary>
    public void OnVenueReport(VenueReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!IsLive)
        {
            return;
        }

        _execution.MarketTime = null;
        if (_execution.Apply(report))
        {
            DeliverOrderEvents();
        }
    }

    /// <summary>Statistics so far.</summary>
    public RunStatistics Statistics()
    {
        var c = _counters;
        var periodsPerYear = Settings.Calendar.PeriodsPerYear(_curve.SamplePeriod ?? TimeSpan.FromDays(1));
        return new RunStatistics(
            c.TotalSignals,
            c.ExecutedSignals,
            c.BuySignals,
            c.SellSignals,
            c.HoldSignals,
            c.ErrorCount,
            c.TotalOrders,
            c.FilledOrders,
            c.RejectedOrders,
            c.TotalTrades,
            c.ClosedTrades.Trades.Count,
            _account.RealizedPnl,
            _account.UnrealizedPnl,
            _account.Commissions,
            _account.EquityAmount - _account.StartingCash,
            PerformanceStatistics.Compute(_curve.Series(), _curve.InMarketPoints, c.ClosedTrades.Trades, c.TradedNotional, periodsPerYear),
            _riskCounters.Snapshot(_risk.State),
            _status == RunStatus.Created ? 0m : _account.EquityAmount - _risk.DayStartEquity);
    }

    /// <summary>
    /// The kill switch: moves the run to <see cref="Risk.TradingState.Halted"/>, cancels every working order and, when
    /// <paramref name="flatten"/>, closes every open position with a market order (tagged "kill-switch"), publishing a
    /// <see cref="KillSwitchActivated"/>. Call it on the run's loop; ignored unless the run is running. To kill every
    /// run of an account, use <see cref="AccountTradingState.Kill"/>.
    /// </summary>
    public void Kill(string reason, bool flatten)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (IsLive)
        {
            _risk.Kill(UtcNow, TradingStateScope.Run, reason, flatten);
            DeliverOrderEvents();
        }
    }

    /// <summary>Sets the run's own trading state (an operator's decision; it stays until changed). Ignored unless the run is running.</summary>
    public void SetTradingState(TradingState state, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (IsLive)
        {
            _risk.SetState(state, reason, UtcNow);
        }
    }

    /// <summary>
    /// Submits an order on behalf of the run's operator (the brokerage API of a paper account), outside any strategy
    /// callback: the same risk check, venue and order events as a strategy's order. Call it on the run's loop. Answers the
    /// order's id and status right after the risk check: <see cref="OrderStatus.Submitted"/> (on its way to the venue) or
    /// <see cref="OrderStatus.Rejected"/> with the reason (a malformed request, a risk limit, a run that is not running).
    /// </summary>
    public OrderTicket SubmitOperatorOrder(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_finished)
        {
            return new OrderTicket(_execution.UnusedId(), request.Instrument, OrderStatus.Rejected, "the run has ended");
        }

        var order = _execution.Submit(request, IsLive ? null : $"the run is {(_stopping ? "stopping" : "not running")}");
        var ticket = _execution.Ticket(order.Id);
        DeliverOrderEvents();
        return ticket;
    }

    /// <summary>
    /// Runs the pre-trade risk checks on <paramref name="request"/> as <see cref="SubmitOperatorOrder"/> would now, without
    /// placing it (nothing is created, counted or throttled): every failed check with its reason, empty when it would pass.
    /// A run that does not accept orders fails <see cref="RiskCheck.TradingState"/>. Call it on the run's loop.
    /// </summary>
    public IReadOnlyList<RiskDenial> CheckOperatorOrder(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IsLive && !_finished
            ? _preTrade.DryRun(request, UtcNow, _execution.Working)
            : [new RiskDenial(RiskCheck.TradingState, $"the run is {(_stopping ? "stopping" : "not running")}: no orders are accepted")];
    }

    /// <summary>
    /// Submits an order list (bracket, OCO, OTO) on behalf of the operator, as <see cref="SubmitOperatorOrder"/>: one
    /// ticket per order of the list, in the list's order (held children are <see cref="OrderStatus.Initialized"/>).
    /// </summary>
    public IReadOnlyList<OrderTicket> SubmitOperatorOrderList(OrderList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (_finished)
        {
            return [.. (list.Orders ?? []).Select(o => new OrderTicket(_execution.UnusedId(), o.Instrument, OrderStatus.Rejected, "the run has ended"))];
        }

        var ids = _execution.SubmitList(list, IsLive ? null : $"the run is {(_stopping ? "stopping" : "not running")}");
        var tickets = ids.Select(id => _execution.Ticket(id)).ToList();
        DeliverOrderEvents();
        return tickets;
    }

    /// <summary>
    /// Sends a modification of an open order on behalf of the operator (new total quantity, limit and trigger price; null
    /// keeps a term). False when the run has no open order with that id; the outcome is an <see cref="OrderModified"/>
    /// or <see cref="OrderModifyRejected"/> event.
    /// </summary>
    public bool ModifyOperatorOrder(ClientOrderId orderId, decimal? quantity, decimal? limitPrice, decimal? triggerPrice)
    {
        if (_finished || !_execution.IsOpen(orderId))
        {
            return false;
        }

        _execution.Modify(orderId, new OrderChange(quantity, limitPrice, triggerPrice));
        DeliverOrderEvents();
        return true;
    }

    /// <summary>Sends a cancel of an open order on behalf of the operator; false when the run has no open order with that id.</summary>
    public bool CancelOperatorOrder(ClientOrderId orderId, string reason)
    {
        if (_finished || !_execution.IsOpen(orderId))
        {
            return false;
        }

        _execution.Cancel(orderId, reason);
        DeliverOrderEvents();
        return true;
    }

    /// <summary>Sends a cancel of every open order (of <paramref name="instrument"/> when given) on behalf of the operator; returns the ids canceled.</summary>
    public IReadOnlyList<ClientOrderId> CancelAllOperatorOrders(InstrumentId? instrument, string reason)
    {
        var open = _execution.OpenOrderIds().Where(id => instrument is null || _execution.Ticket(id).Instrument == instrument).ToList();
        if (IsLive)
        {
            _execution.CancelAll(instrument, reason, immediate: false);
            DeliverOrderEvents();
        }

        return open;
    }

    internal ClientOrderId SubmitOrder(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_finished)
        {
            return _execution.UnusedId();
        }

        var order = _execution.Submit(request, IsLive ? null : $"the run is {(_stopping ? "stopping" : "not running")}");
        return order.Id;
    }

    internal IReadOnlyList<ClientOrderId> SubmitOrderList(OrderList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return _finished ? [_execution.UnusedId()] : _execution.SubmitList(list, IsLive ? null : $"the run is {(_stopping ? "stopping" : "not running")}");
    }

    internal void ModifyOrder(ClientOrderId orderId, Quantity? quantity, Price? limitPrice, Price? triggerPrice)
    {
        if (!_finished && !_execution.Modify(orderId, new OrderChange(quantity?.Value, limitPrice?.Value, triggerPrice?.Value)))
        {
            _events.Log(UtcNow, StrategyLogLevel.Warning, EngineSource, $"modify of {orderId} ignored: the run has no order with that id");
        }
    }

    internal void CancelOrder(ClientOrderId orderId)
    {
        if (!_finished && !_execution.Cancel(orderId, "canceled by strategy"))
        {
            _events.Log(UtcNow, StrategyLogLevel.Warning, EngineSource, $"cancel of {orderId} ignored: the run has no order with that id");
        }
    }

    internal void CancelAllOrders(InstrumentId? instrument)
    {
        if (IsLive)
        {
            _execution.CancelAll(instrument, "canceled by strategy (cancel all)", immediate: false);
        }
    }

    internal void EmitSignal(Signal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (signal.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(signal));
        }

        if (!IsLive)
        {
            return;
        }

        var signalId = ++_lastSignalId;
        _counters.TotalSignals++;
        switch (signal.Type)
        {
            case SignalType.Buy: _counters.BuySignals++; break;
            case SignalType.Sell: _counters.SellSignals++; break;
            default: _counters.HoldSignals++; break;
        }

        var decision = Paused ? new SignalDecision(null, "the strategy is paused") : _signals.Decide(signal, signalId, _execution.Working);
        var executed = false;
        ClientOrderId? orderId = null;
        var reason = decision.Reason;
        if (decision.Order is { } request)
        {
            var order = _execution.Submit(request);
            orderId = order.Id;
            executed = order.Status != OrderStatus.Rejected;
            reason = executed ? null : $"rejected by risk: {order.RejectionReason}";
        }

        if (executed)
        {
            _counters.ExecutedSignals++;
        }

        if (_events.TakesBookkeeping)
        {
            _events.Publish(new SignalRecorded(Settings.RunId, _events.Next(), UtcNow, signalId, signal, executed, orderId, reason));
        }
        else
        {
            _events.Skip();
        }
    }

    internal void Log(StrategyLogLevel level, string message)
    {
        if (!_finished)
        {
            _events.Log(UtcNow, level, "strategy", message ?? string.Empty);
        }
    }

    internal void SetTimer(string name, TimeSpan interval) => _timers.Set(name, interval, UtcNow);

    internal void CancelTimer(string name) => _timers.Cancel(name);

    /// <summary>
    /// The common start of every market data event: drops it unless the run is live and trades the instrument,
    /// then publishes the pending mark, lets the risk monitor follow the time (trading day, cool-downs, shared account), fires due timers, and makes
    /// <paramref name="eventTime"/> the time orders are sent at while the event is processed (see
    /// <see cref="ExecutionEngine.MarketTime"/>). False when the event must not reach the strategy (ignored, or the run
    /// stopped on the way).
    /// </summary>
    private bool Admit(InstrumentId instrument, DateTime eventTime, out DateTime now)
    {
        now = default;
        if (!IsLive || !_instruments.Contains(instrument))
        {
            return false;
        }

        _execution.MarketTime = null;
        now = UtcNow;
        FlushMark(now);
        _risk.OnTime(now);
        if (_timers.Count > 0)
        {
            FireTimers(now); // out of line: its callback invocation has a large frame to set up
        }

        _execution.MarketTime = eventTime;
        return IsLive;
    }

    private void RestoreCounts(RecoveredCounts counts)
    {
        _counters.TotalOrders = counts.TotalOrders;
        _counters.FilledOrders = counts.FilledOrders;
        _counters.RejectedOrders = counts.RejectedOrders;
        _counters.TotalSignals = counts.TotalSignals;
        _counters.ExecutedSignals = counts.ExecutedSignals;
        _counters.BuySignals = counts.BuySignals;
        _counters.SellSignals = counts.SellSignals;
        _counters.HoldSignals = counts.HoldSignals;
        _counters.ErrorCount = counts.ErrorCount;
        _lastSignalId = counts.LastSignalId;
        _execution.ContinueIds(counts.LastOrderNumber, counts.LastTradeNumber);
    }

    /// <summary>Logs every difference and resolves what the run can: an order the venue does not hold is canceled (locally, or by an event when it was never restored).</summary>
    private void Reconcile(IReadOnlyList<ReconciliationDifference> differences, string venue, RunRecovery recovery, DateTime now)
    {
        foreach (var difference in differences)
        {
            _events.Log(now, StrategyLogLevel.Warning, ReconciliationSource, $"{venue} venue: {difference.Message}");
            if (difference is { Kind: DifferenceKind.MissingAtVenue, OrderId: { } id })
            {
                const string reason = "reconciliation: not open at the venue";
                if (!_execution.CancelLocally(id, reason))
                {
                    _events.Order(new OrderCanceled(id, difference.Instrument, now, reason));
                }
            }
        }

        _execution.Inbox.Clear(); // cancellations of orders the strategy has not seen in this process
        _events.Log(now, differences.Count == 0 ? StrategyLogLevel.Info : StrategyLogLevel.Warning, ReconciliationSource,
            $"reconciled with the {venue} venue: {recovery.OpenOrders.Count} open order(s) and {recovery.Fills.Count} fill(s) in the database, {differences.Count} difference(s)");
    }

    private void Save(DateTime now)
    {
        var state = new StrategyState();
        Invoke("OnSave", static (s, st) => s.OnSave(st), state);
        if (state.SameAs(_savedState) || (_savedState is null && state.Count == 0))
        {
            return;
        }

        _savedState = state;
        _events.Publish(new StrategyStateSaved(Settings.RunId, _events.Next(), now, state));
    }

    /// <summary>
    /// Follows the equity after a mark of <paramref name="instrument"/> at <paramref name="price"/>: records it in the
    /// equity curve (at a bar close, or at any mark when sampled per trading day) with the pending
    /// <see cref="AccountUpdated"/> mark, and shows it to the loss limits and the margin check. While the price stays in
    /// the quiet band (<see cref="QuietPriceBand"/>) the risk monitor would at most raise the peak (the band keeps it
    /// until the next observation), so the account is not valued: the curve takes the mark deferred and values it when
    /// the point is read or final.
    /// </summary>
    /// <param name="now">The time of the mark.</param>
    /// <param name="barPeriod">The bar's period at a bar close; null at a trade.</param>
    /// <param name="instrument">The marked instrument.</param>
    /// <param name="price">The mark (bar close, trade price), quote currency.</param>
    private void FollowEquity(DateTime now, TimeSpan? barPeriod, InstrumentId instrument, decimal price)
    {
        var sampled = barPeriod is not null || Settings.EquitySampling == EquitySampling.TradingDay;
        var quiet = _quietBand.Holds(_account, _limits, instrument, price);
        var repeated = quiet || instrument == _lastValued; // marks of one instrument in a row: worth a band (several alternating are valued)
        if (!quiet && repeated && !_quietBand.IsCurrent(_account, _limits, instrument))
        {
            _quietBand.SettlePeak(_limits); // after a fill or a new day: the band of the new state
            _quietBand.Rebuild(_account, _limits, instrument, price);
            quiet = _quietBand.Holds(_account, _limits, instrument, price);
        }

        if (quiet)
        {
            if (sampled)
            {
                _curve.RecordDeferred(now, _quietBand.Line, price, barPeriod, _account.OpenPositionCount > 0);
                _pendingMark = now;
            }

            return;
        }

        var equity = _account.EquityAmount;
        if (sampled)
        {
            _curve.Record(now, equity, barPeriod, _account.OpenPositionCount > 0);
            _pendingMark = now;
        }

        _quietBand.SettlePeak(_limits);
        _risk.OnEquity(now, equity);
        if (repeated)
        {
            _quietBand.Rebuild(_account, _limits, instrument, price);
        }

        _lastValued = instrument;
    }

    private void FireTimers(DateTime now)
    {
        while (_timers.Count > 0 && IsLive && !Paused && _timers.TryTakeDue(now, out var timer))
        {
            Invoke("OnTimer", static (s, t) => s.OnTimer(t), timer);
            DeliverOrderEvents();
        }
    }

    private void FlushMark(DateTime now)
    {
        if (_pendingMark is { } t && _curve.IsPastLastPoint(now))
        {
            _events.Account(t, _account);
            _pendingMark = null;
        }
    }

    /// <summary>Delivers the queued order events to the strategy (a queue length check on most market data events).</summary>
    private void DeliverOrderEvents()
    {
        if (_execution.Inbox.Count > 0)
        {
            DeliverQueuedOrderEvents();
        }
    }

    private void DeliverQueuedOrderEvents()
    {
        var inbox = _execution.Inbox;
        while (IsLive && inbox.TryDequeue(out var orderEvent))
        {
            switch (orderEvent)
            {
                case OrderFilled fill:
                    Invoke("OnOrderFilled", static (s, f) => s.OnOrderFilled(f), fill);
                    break;
                case OrderRejected rejection:
                    Invoke("OnOrderRejected", static (s, r) => s.OnOrderRejected(r), rejection);
                    break;
                case OrderCanceled canceled:
                    Invoke("OnOrderCanceled", static (s, c) => s.OnOrderCanceled(c), canceled);
                    break;
                case OrderExpired expired:
                    Invoke("OnOrderExpired", static (s, e) => s.OnOrderExpired(e), expired);
                    break;
                case OrderTriggered triggered:
                    Invoke("OnOrderTriggered", static (s, t) => s.OnOrderTriggered(t), triggered);
                    break;
                case OrderModified modified:
                    Invoke("OnOrderModified", static (s, m) => s.OnOrderModified(m), modified);
                    break;
                default:
                    Invoke("OnOrderCommandRejected", static (s, r) => s.OnOrderCommandRejected(r), orderEvent);
                    break;
            }
        }
    }

    /// <summary>Calls a market data callback of the strategy, unless the run is <see cref="Paused"/>.</summary>
    private void Evaluate<T>(string callback, Action<Strategy, T> call, T argument)
    {
        if (!Paused)
        {
            Invoke(callback, call, argument);
        }
    }

    private void Invoke<T>(string callback, Action<Strategy, T> call, T argument)
    {
        if (_finished)
        {
            return;
        }

        var budget = _probed
            ? CallbackBudget.Enter(Settings.CallbackLimits.Time, Settings.CallbackLimits.AllocationBytes)
            : CallbackBudget.Measure(_callbackTimeMs, _callbackAllocationBytes);
        Exception? thrown = null;
        try
        {
            call(_strategy, argument);
        }
#pragma warning disable CA1031 // Strategy code may throw anything; the kernel records it and carries on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            thrown = ex;
        }

        // Over budget (a probe threw, or the measured time/allocations exceed it) fails the run whatever the callback did.
        var measured = budget.Exit();
        if ((thrown as CallbackBudgetExceededException ?? measured) is { } overrun)
        {
            FailOverBudget(callback, overrun);
        }
        else if (thrown is not null)
        {
            RecordStrategyError(callback, thrown);
        }
    }

    private void FailOverBudget(string callback, CallbackBudgetExceededException overrun)
    {
        PublishStrategyError(callback, overrun);
        if (IsLive)
        {
            Stop(RunStatus.Error, $"strategy {callback} exceeded its budget: {overrun.Message}");
        }
    }

    private void RecordStrategyError(string callback, Exception ex)
    {
        var count = PublishStrategyError(callback, ex);
        if (count >= Settings.MaxErrors && IsLive)
        {
            Stop(RunStatus.Error, $"strategy errors reached max_errors ({Settings.MaxErrors})");
        }
    }

    private int PublishStrategyError(string callback, Exception ex)
    {
        var count = ++_counters.ErrorCount;
        var now = UtcNow;
        var type = ex.GetType().FullName ?? ex.GetType().Name;
        _events.Publish(new StrategyErrored(Settings.RunId, _events.Next(), now, callback, type, ex.Message, count));
        _events.Log(now, StrategyLogLevel.Error, EngineSource, $"strategy {callback} threw {type}: {ex.Message} (error {count} of max {Settings.MaxErrors})");
        return count;
    }
}
