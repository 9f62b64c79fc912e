using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Runs.Recovery;

/// <summary>One order the venue holds open for the run. Quantities in base units.</summary>
public sealed record VenueOrder(ClientOrderId Id, InstrumentId Instrument, Side Side, OrderStatus Status, decimal Quantity, decimal FilledQuantity);

/// <summary>The venue's net position in one instrument, base units (negative = short).</summary>
public sealed record VenuePosition(InstrumentId Instrument, decimal NetQuantity);

/// <summary>What a venue reports, at one moment, about a run's account: its open orders and its non-zero positions.</summary>
public sealed record VenueSnapshot(IReadOnlyList<VenueOrder> OpenOrders, IReadOnlyList<VenuePosition> Positions);

/// <summary>
/// The reconciliation seam: the venue's own view of a resumed run, compared with what the database says
/// (<see cref="Reconciliation.Compare"/>). The paper venue answers from its restored book; a real broker client
/// implements it by asking its broker for the open orders and positions of the account (fetched before the resume:
/// the kernel never waits on I/O) and names the venue in <see cref="Venue"/>.
/// </summary>
public interface IVenueReconciliation
{
    /// <summary>The venue's name, for the execution log (e.g. "paper").</summary>
    string Venue { get; }

    /// <summary>The venue's open orders and positions for the run now.</summary>
    VenueSnapshot Snapshot();
}
