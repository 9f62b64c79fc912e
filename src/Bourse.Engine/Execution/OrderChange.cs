using Bourse.Engine.Orders;
using Bourse.Engine.Runs;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Execution;

/// <summary>New terms of a ModifyOrder command; null keeps a value. Quantity is the new total (filled included), base units; prices in quote currency.</summary>
internal readonly record struct OrderChange(decimal? Quantity, decimal? LimitPrice, decimal? TriggerPrice)
{
    /// <summary>Why <paramref name="order"/> cannot take these terms, or null when it can.</summary>
    public string? Problem(Order order)
    {
        if (Quantity is { } quantity && quantity <= order.FilledQuantity)
        {
            return $"the new quantity {Invariant.Num(quantity)} must exceed the filled quantity {Invariant.Num(order.FilledQuantity)}";
        }

        if (LimitPrice is not null && !order.Type.HasLimitPrice())
        {
            return $"a {order.Type} order has no limit price";
        }

        if (TriggerPrice is not null && (!order.Type.HasTrigger() || (order.IsTriggered && order.Status != OrderStatus.Initialized)))
        {
            return order.Type.HasTrigger() ? "the order was already triggered" : $"a {order.Type} order has no trigger price";
        }

        return this is { LimitPrice: <= 0m } or { TriggerPrice: <= 0m } ? "prices must be positive" : null;
    }

    /// <summary>Applies the terms to <paramref name="order"/> at once and reports it, or reports why it cannot take them (false).</summary>
    public bool ApplyTo(Order order, IExchangeListener listener, string reason)
    {
        var problem = Problem(order);
        if (problem is null && !order.TryApply(OrderAction.Modify, out problem))
        {
            problem = $"cannot modify: {problem}";
        }

        if (problem is not null)
        {
            listener.OnModifyRejected(order, problem);
            return false;
        }

        order.Quantity = Quantity ?? order.Quantity;
        order.LimitPrice = LimitPrice ?? order.LimitPrice;
        order.TriggerPrice = TriggerPrice ?? order.TriggerPrice;
        listener.OnModified(order, reason);
        return true;
    }
}
