using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Portfolio;
using Bourse.Sdk.Signals;
using Bourse.Sdk.Values;

namespace Bourse.Sdk.Strategies;

/// <summary>Severity of a strategy log line.</summary>
public enum StrategyLogLevel
{
    /// <summary>Diagnostic detail.</summary>
    Debug,

    /// <summary>Normal operation.</summary>
    Info,

    /// <summary>Something unexpected but handled.</summary>
    Warning,

    /// <summary>A failure.</summary>
    Error,
}

/// <summary>
/// The engine's side of a running strategy: the only way a strategy acts on the world.
/// Implemented by the engine; the same implementation serves backtest, paper and live runs.
/// All calls must be made from the run's own event loop (inside a callback).
/// </summary>
public interface IStrategyContext
{
    /// <summary>The run this strategy belongs to.</summary>
    RunId RunId { get; }

    /// <summary>Current time on the run's clock, UTC (simulated in backtests, wall clock live).</summary>
    DateTime UtcNow { get; }

    /// <summary>The instruments the run subscribes to.</summary>
    IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>The run's paper account.</summary>
    IPortfolioView Portfolio { get; }

    /// <summary>
    /// Sends a SubmitOrder command. Returns at once with the order's id; the outcome arrives as events
    /// (<see cref="Strategy.OnOrderFilled"/>, <see cref="Strategy.OnOrderRejected"/>). Never throws for a
    /// denied or malformed order: that is an <see cref="OrderRejected"/> event with the reason.
    /// </summary>
    ClientOrderId SubmitOrder(OrderRequest request);

    /// <summary>
    /// Sends a SubmitOrderList command (bracket, OCO or OTO; see <see cref="OrderList"/>). Returns the orders' ids in
    /// the list's order. A malformed list, or one whose first order is denied, rejects every order of the list.
    /// </summary>
    IReadOnlyList<ClientOrderId> SubmitOrderList(OrderList list);

    /// <summary>
    /// Sends a ModifyOrder command: new total quantity (at least one lot above what already filled), limit price or
    /// trigger price; null leaves a value unchanged. The outcome is an <see cref="OrderModified"/> or an
    /// <see cref="OrderModifyRejected"/> with the reason (e.g. the order already filled, or a limit price on a market order).
    /// </summary>
    void ModifyOrder(ClientOrderId orderId, Quantity? quantity = null, Price? limitPrice = null, Price? triggerPrice = null);

    /// <summary>
    /// Sends a CancelOrder command. The outcome is an <see cref="OrderCanceled"/>, or an <see cref="OrderCancelRejected"/>
    /// when the order already finished; ids this run never issued are ignored with a log line.
    /// </summary>
    void CancelOrder(ClientOrderId orderId);

    /// <summary>Cancels every open order of the run, or of <paramref name="instrument"/> only, held contingent orders included.</summary>
    void CancelAllOrders(InstrumentId? instrument = null);

    /// <summary>Orders of this run that are still open (working at the venue, on their way to it, or held by an order list).</summary>
    IReadOnlyList<ClientOrderId> OpenOrders { get; }

    /// <summary>Records a signal; with auto-execute on, the platform may turn it into an order.</summary>
    /// <exception cref="ArgumentException">The signal's strength is outside 0..1.</exception>
    void EmitSignal(Signal signal);

    /// <summary>Writes a line to the run's execution log.</summary>
    void Log(StrategyLogLevel level, string message);

    /// <summary>Starts (or replaces) a repeating timer; <see cref="Strategy.OnTimer"/> is called every <paramref name="interval"/> of run time.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not positive.</exception>
    void SetTimer(string name, TimeSpan interval);

    /// <summary>Stops a timer; unknown names are ignored.</summary>
    void CancelTimer(string name);
}
