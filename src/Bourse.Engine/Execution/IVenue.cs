using Bourse.Engine.Orders;

namespace Bourse.Engine.Execution;

/// <summary>
/// The execution port of a run: where the <see cref="ExecutionEngine"/> sends orders, modifications and cancels, and
/// which reports back through its <see cref="IExchangeListener"/>. The <see cref="SimulatedExchange"/> (paper, backtest)
/// matches orders against market data (the engine hands it time and market data itself: no interface dispatch per
/// event); the <see cref="BrokerVenue"/> forwards them to a broker, which matches them, and applies the broker's answers
/// when they come back. Called on the run's loop only.
/// </summary>
internal interface IVenue
{
    /// <summary>Orders working at the venue, oldest first.</summary>
    IReadOnlyList<Order> Working { get; }

    /// <summary>Sends a submitted order.</summary>
    void Send(Order order, DateTime now);

    /// <summary>Sends a strategy's modification of a live order.</summary>
    void SendModify(Order order, OrderChange change, DateTime now);

    /// <summary>Sends a cancel; <paramref name="immediate"/> cancels at once (held orders, the run's stop).</summary>
    void SendCancel(Order order, string reason, DateTime now, bool immediate = false);

    /// <summary>Cancels an order for the engine (a held child, an OCO sibling, an order list resize to nothing); false when it already finished.</summary>
    bool Cancel(Order order, string reason);

    /// <summary>Changes an order's terms for the engine (a held child, an order list resize); false when refused at once.</summary>
    bool Modify(Order order, OrderChange change, string reason);

    /// <summary>Cancels an order in the run only (reconciliation: the venue does not hold it); false when it already finished.</summary>
    bool CancelLocally(Order order, string reason);

    /// <summary>Takes back a restored order that was working at the venue (a resumed run).</summary>
    void Restore(Order order, DateTime createdAt);

    /// <summary>Takes back a restored order that was on its way to the venue (a resumed run).</summary>
    void RestoreSubmitted(Order order, DateTime now);
}
