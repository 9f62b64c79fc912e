using Bourse.Sdk.Orders;

namespace Bourse.Server.Trading;

/// <summary>The brokerage name of an engine order event (Alpaca's <c>trade_updates</c> event names).</summary>
public static class BrokerOrderEvents
{
    /// <summary>
    /// new (accepted at the venue), fill / partial_fill, canceled, expired, replaced (modified), rejected, held (an
    /// exit waiting for its entry), order_replace_rejected, order_cancel_rejected; null for an event clients do not see
    /// (submitted: the order is on its way; triggered: a stop became a limit order).
    /// </summary>
    public static string? NameOf(OrderEvent orderEvent) => orderEvent switch
    {
        OrderAccepted => "new",
        OrderFilled { LeavesQuantity.IsZero: true } => "fill",
        OrderFilled => "partial_fill",
        OrderCanceled => "canceled",
        OrderExpired => "expired",
        OrderModified => "replaced",
        OrderRejected => "rejected",
        OrderHeld => "held",
        OrderModifyRejected => "order_replace_rejected",
        OrderCancelRejected => "order_cancel_rejected",
        _ => null,
    };
}
