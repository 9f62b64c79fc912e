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
/// <param name="LeavesQuantity">Quantity still open after this fill, base units (zero when the order is filled).</param>
/// <param name="IsMaker">True when the fill added liquidity (a resting limit order).</param>
/// <param name="CumulativeQuantity">Quantity filled so far including this fill, base units.</param>
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
    bool IsMaker,
    Quantity CumulativeQuantity)
    : OrderEvent(OrderId, Instrument, Timestamp);

/// <summary>The order was canceled (by the strategy, by IOC/FOK, by an OCO sibling, or by the stop of its run).</summary>
public sealed record OrderCanceled(ClientOrderId OrderId, InstrumentId Instrument, DateTime Timestamp, string Reason)
    : OrderEvent(OrderId, Instrument, Timestamp);

/// <summary>The order expired by its time in force.</summary>
public sealed record OrderExpired(ClientOrderId OrderId, InstrumentId Instrument, DateTime Timestamp)
    : OrderEvent(OrderId, Instrument, Timestamp);

/// <summary>
/// A contingent order of an order list was registered and is held (status Initialized) until its parent fills; it is
/// then submitted (<see cref="OrderSubmitted"/>) with its quantity sized to the parent's fill.
/// </summary>
/// <param name="ParentOrderId">The order whose fill releases this one.</param>
public sealed record OrderHeld(ClientOrderId OrderId, InstrumentId Instrument, DateTime Timestamp, OrderRequest Request, ClientOrderId ParentOrderId)
    : OrderEvent(OrderId, Instrument, Timestamp);

/// <summary>The trigger price of a stop-limit or limit-if-touched order was reached: it now works as a limit order (status Triggered).</summary>
/// <param name="TriggerPrice">The trigger price that was reached, quote currency.</param>
public sealed record OrderTriggered(ClientOrderId OrderId, InstrumentId Instrument, DateTime Timestamp, Price TriggerPrice)
    : OrderEvent(OrderId, Instrument, Timestamp);

/// <summary>
/// The venue applied a modification: the strategy's ModifyOrder, or the order list the order belongs to resizing it
/// (the moves of a trailing stop's trigger are not reported). The values are the order's new terms; null prices mean "none".
/// </summary>
/// <param name="Quantity">The order's total quantity, base units (filled quantity included).</param>
/// <param name="LimitPrice">The limit price, quote currency.</param>
/// <param name="TriggerPrice">The trigger price, quote currency.</param>
/// <param name="Reason">Who changed it: "modified by strategy", or the order list's rule.</param>
public sealed record OrderModified(ClientOrderId OrderId, InstrumentId Instrument, DateTime Timestamp, Quantity Quantity, Price? LimitPrice, Price? TriggerPrice, string Reason)
    : OrderEvent(OrderId, Instrument, Timestamp);

/// <summary>A ModifyOrder command was refused; the order is unchanged.</summary>
/// <param name="Reason">Why, e.g. "cannot modify: the order is Filled".</param>
public sealed record OrderModifyRejected(ClientOrderId OrderId, InstrumentId Instrument, DateTime Timestamp, string Reason)
    : OrderEvent(OrderId, Instrument, Timestamp);

/// <summary>A CancelOrder command was refused (the order had already finished); the order is unchanged.</summary>
/// <param name="Reason">Why, e.g. "cannot cancel: the order is Filled".</param>
public sealed record OrderCancelRejected(ClientOrderId OrderId, InstrumentId Instrument, DateTime Timestamp, string Reason)
    : OrderEvent(OrderId, Instrument, Timestamp);
