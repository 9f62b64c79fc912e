using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Execution;

/// <summary>
/// The port to an external venue (a broker) for one run: the run's orders, modifications and cancels go out through it,
/// and the venue's answers come back later as <see cref="VenueReport"/>s that the run's owner applies on the run's loop
/// (<see cref="Runs.TradingRun.OnVenueReport"/>). Called on the run's loop, so every method must return at once: an
/// implementation queues the command for its own I/O and never blocks. Orders are named by the run's
/// <see cref="ClientOrderId"/>, which the reports carry back.
/// </summary>
public interface IExecutionClient
{
    /// <summary>The venue's name for the execution log (e.g. "alpaca:paper").</summary>
    string Venue { get; }

    /// <summary>Sends a new order with <paramref name="terms"/> (its current quantity, base units, and prices, quote currency).</summary>
    void Submit(ClientOrderId id, OrderRequest terms);

    /// <summary>Asks to replace an open order's terms: a new total quantity (filled included), limit or trigger price; null keeps a term.</summary>
    void Replace(ClientOrderId id, decimal? quantity, decimal? limitPrice, decimal? triggerPrice);

    /// <summary>Asks to cancel an open order.</summary>
    void Cancel(ClientOrderId id);
}
