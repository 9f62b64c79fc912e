using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Portfolio;
using Bourse.Sdk.Signals;
using Bourse.Sdk.Values;

namespace Bourse.Sdk.Strategies;

/// <summary>A timer firing, delivered to <see cref="Strategy.OnTimer"/>.</summary>
/// <param name="Name">The name given to <see cref="IStrategyContext.SetTimer"/>.</param>
/// <param name="Timestamp">The scheduled time, UTC.</param>
public sealed record TimerEvent(string Name, DateTime Timestamp);

/// <summary>
/// Base class of every strategy. Override the callbacks you need; they are called one at a time on the
/// run's event loop, so a strategy needs no locking. An exception thrown from a callback is recorded
/// against the run (and counted); it does not stop the server.
/// Strategies with parameters derive from <see cref="Strategy{TConfig}"/>.
/// </summary>
public abstract class Strategy
{
    private IStrategyContext? _context;

    /// <summary>The engine context; available from <see cref="OnStart"/> on.</summary>
    /// <exception cref="InvalidOperationException">Read before the engine attached the strategy.</exception>
    protected IStrategyContext Context => _context ?? throw new InvalidOperationException("The strategy is not attached to a run yet.");

    /// <summary>Current run time, UTC.</summary>
    protected DateTime UtcNow => Context.UtcNow;

    /// <summary>The run's paper account.</summary>
    protected IPortfolioView Portfolio => Context.Portfolio;

    /// <summary>The run's instruments.</summary>
    protected IReadOnlyList<Instrument> Instruments => Context.Instruments;

    /// <summary>
    /// Called once before any data; also when a run resumes after a server restart (then after <see cref="OnLoad"/>,
    /// with the restored positions and open orders already in <see cref="Portfolio"/> and <see cref="IStrategyContext.OpenOrders"/>:
    /// a strategy that places initial orders here should look at them first).
    /// </summary>
    public virtual void OnStart()
    {
    }

    /// <summary>
    /// Writes what the strategy needs to carry on after a server restart into <paramref name="state"/> (empty on each
    /// call). Called on the run's loop about every <c>Runs:StateSaveInterval</c> (default 10 s of wall time), and when
    /// the run stops or is suspended by a server shutdown; the state is stored with the run's events, in order.
    /// Default: nothing is saved.
    /// </summary>
    public virtual void OnSave(StrategyState state)
    {
    }

    /// <summary>
    /// Reads back the state last saved by <see cref="OnSave"/> when the run resumes after a server restart (a crash,
    /// a kill or a shutdown), before <see cref="OnStart"/>; <paramref name="state"/> is empty when nothing was saved.
    /// Not called for a fresh run. What happened after the last save (fills, orders) is restored from the database
    /// separately, so derive positions from the portfolio rather than from the state.
    /// </summary>
    public virtual void OnLoad(StrategyState state)
    {
    }

    /// <summary>Called once when the run stops (also after an error stop).</summary>
    public virtual void OnStop()
    {
    }

    /// <summary>Called for every completed bar of a subscribed instrument, at the bar's close time.</summary>
    public virtual void OnBar(Bar bar)
    {
    }

    /// <summary>Called for every trade tick of a subscribed instrument.</summary>
    public virtual void OnTrade(TradeTick trade)
    {
    }

    /// <summary>Called for every quote tick of a subscribed instrument.</summary>
    public virtual void OnQuote(QuoteTick quote)
    {
    }

    /// <summary>Called for every order-book message (snapshot or deltas) of a subscribed instrument.</summary>
    public virtual void OnOrderBook(OrderBookMessage message)
    {
    }

    /// <summary>Called for every fill of this strategy's orders.</summary>
    public virtual void OnOrderFilled(OrderFilled fill)
    {
    }

    /// <summary>Called when one of this strategy's orders is rejected (by risk or the venue).</summary>
    public virtual void OnOrderRejected(OrderRejected rejection)
    {
    }

    /// <summary>Called when one of this strategy's orders is canceled (by the strategy, its time in force, an OCO sibling, or the run).</summary>
    public virtual void OnOrderCanceled(OrderCanceled canceled)
    {
    }

    /// <summary>Called when one of this strategy's orders expires (DAY at the session close, GTD at its expire time).</summary>
    public virtual void OnOrderExpired(OrderExpired expired)
    {
    }

    /// <summary>Called when a stop-limit or limit-if-touched order is triggered and starts working as a limit order.</summary>
    public virtual void OnOrderTriggered(OrderTriggered triggered)
    {
    }

    /// <summary>Called when a modification of one of this strategy's orders took effect.</summary>
    public virtual void OnOrderModified(OrderModified modified)
    {
    }

    /// <summary>Called when a ModifyOrder or CancelOrder command was refused (<see cref="OrderModifyRejected"/> or <see cref="OrderCancelRejected"/>).</summary>
    public virtual void OnOrderCommandRejected(OrderEvent rejection)
    {
    }

    /// <summary>Called when a timer set with <see cref="IStrategyContext.SetTimer"/> fires.</summary>
    public virtual void OnTimer(TimerEvent timer)
    {
    }

    /// <summary>Submits a market order; see <see cref="IStrategyContext.SubmitOrder"/>.</summary>
    protected ClientOrderId Buy(InstrumentId instrument, Quantity quantity) => Context.SubmitOrder(OrderRequest.Market(instrument, Side.Buy, quantity));

    /// <summary>Submits a market sell order; see <see cref="IStrategyContext.SubmitOrder"/>.</summary>
    protected ClientOrderId Sell(InstrumentId instrument, Quantity quantity) => Context.SubmitOrder(OrderRequest.Market(instrument, Side.Sell, quantity));

    /// <summary>Submits any order; see <see cref="IStrategyContext.SubmitOrder"/>.</summary>
    protected ClientOrderId SubmitOrder(OrderRequest request) => Context.SubmitOrder(request);

    /// <summary>Submits a bracket, OCO or OTO list; see <see cref="IStrategyContext.SubmitOrderList"/>.</summary>
    protected IReadOnlyList<ClientOrderId> SubmitOrderList(OrderList list) => Context.SubmitOrderList(list);

    /// <summary>Modifies a working order; see <see cref="IStrategyContext.ModifyOrder"/>.</summary>
    protected void ModifyOrder(ClientOrderId orderId, Quantity? quantity = null, Price? limitPrice = null, Price? triggerPrice = null) =>
        Context.ModifyOrder(orderId, quantity, limitPrice, triggerPrice);

    /// <summary>Cancels a working order.</summary>
    protected void CancelOrder(ClientOrderId orderId) => Context.CancelOrder(orderId);

    /// <summary>Cancels every open order, or those of <paramref name="instrument"/>.</summary>
    protected void CancelAllOrders(InstrumentId? instrument = null) => Context.CancelAllOrders(instrument);

    /// <summary>Emits a signal; see <see cref="IStrategyContext.EmitSignal"/>.</summary>
    protected void EmitSignal(Signal signal) => Context.EmitSignal(signal);

    /// <summary>Writes an info line to the run's log.</summary>
    protected void Log(string message) => Context.Log(StrategyLogLevel.Info, message);

    /// <summary>Writes a line with a level to the run's log.</summary>
    protected void Log(StrategyLogLevel level, string message) => Context.Log(level, message);

    /// <summary>Attaches the engine context. Called by the engine only.</summary>
    internal void Attach(IStrategyContext context) => _context = context;

    /// <summary>The type of the parameter record, or null for a strategy without parameters.</summary>
    internal virtual Type? ConfigType => null;

    /// <summary>Sets the bound parameter record. Called by the plugin loader only.</summary>
    internal virtual void SetConfig(object config) =>
        throw new InvalidOperationException($"{GetType().Name} takes no parameters.");
}

/// <summary>
/// A strategy with a typed parameter record. <typeparamref name="TConfig"/> is a class or record with a
/// public parameterless constructor and settable properties; mark them with <see cref="ParameterAttribute"/>
/// so the catalogue can show and validate them. Defaults are the property initializers.
/// </summary>
/// <typeparam name="TConfig">The parameter record.</typeparam>
public abstract class Strategy<TConfig> : Strategy
    where TConfig : class, new()
{
    /// <summary>The run's parameters (defaults where the run gave none).</summary>
    public TConfig Config { get; private set; } = new();

    internal override Type? ConfigType => typeof(TConfig);

    internal override void SetConfig(object config) => Config = (TConfig)config;
}
