using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Values;

namespace Bourse.Sdk.Orders;

/// <summary>An event in the life of one order. Timestamps are UTC on the run's clock.</summary>
public abstract record OrderEvent(ClientOrderId OrderId, InstrumentId Instrument, DateTime Timestamp);

/// <summary>The order passed risk and was sent to the venue.</summary>
public sealed record OrderSubmitted(ClientOrderId OrderId, InstrumentId Instrument, DateTime Timestamp, OrderRequest Request)
    : OrderEvent(OrderId, Instrument, Timestamp);

/// <summary>The venue accepted the order; it is working.</summary>
public sealed record OrderAccepted(ClientOrderId OrderId, InstrumentId Instrument, DateTime Timestamp)
    : OrderEvent(OrderId, Instrument, Timestamp);

/// <summary>The order was refused before it reached the venue (<paramref name="Source"/> = "risk") or by the venue ("venue").</summary>
/// <param name="Reason">Human-readable reason, e.g. "max order quantity 10 exceeded (requested 12)".</param>
/// <param name="Source">
/// "risk" for everything the engine refuses before the venue (a malformed request, an unknown instrument, a risk
/// limit, a run that is not running), or "venue" for a refusal by the venue.
/// </param>
public sealed record OrderRejected(ClientOrderId OrderId, InstrumentId Instrument, DateTime Timestamp, OrderRequest Request, string Reason, string Source)
    : OrderEvent(OrderId, Instrument, Timestamp);

/// <summary>Part or all of the order filled.</summary>
/// <param name="TradeId">The venue's id of this fill.</param>
/// <param name="Side">Side of the order.</param>
/// <param name="FillPrice">Execution price, quote currency (slippage included).</param>
/// <param name="FillQuantity">Quantity filled in this event, base units.</param>
/// <param name="Commission">Fee charged for this fill, in the account currency.</param>
/// <param name="LeavesQuantity">Quantity still open after this fill, base units.</param>
/// <param name="IsMaker">True when the fill added liquidity (a resting limit order).</param>
public sealed record OrderFilled(
    ClientOrderId OrderId,
    InstrumentId Instrument,
    DateTime Timestamp,
    TradeId TradeId,
    Side Side,
    Price FillPrice,
    Quantity FillQuantity,
    Money Commission,
    Quantity LeavesQuantity,
    bool IsMaker)
    : OrderEvent(OrderId, Instrument, Timestamp);

/// <summary>The order was canceled (by the strategy, by IOC, or by the kill of its run).</summary>
public sealed record OrderCanceled(ClientOrderId OrderId, InstrumentId Instrument, DateTime Timestamp, string Reason)
    : OrderEvent(OrderId, Instrument, Timestamp);

/// <summary>The order expired by its time in force.</summary>
public sealed record OrderExpired(ClientOrderId OrderId, InstrumentId Instrument, DateTime Timestamp)
    : OrderEvent(OrderId, Instrument, Timestamp);
