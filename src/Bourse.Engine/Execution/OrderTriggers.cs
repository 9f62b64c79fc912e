using Bourse.Engine.Orders;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Execution;

/// <summary>
/// When trigger orders fire, and how a trailing stop's trigger follows the market.
/// <list type="bullet">
/// <item>Stop, stop-limit and trailing stop: a buy fires at or above its trigger, a sell at or below (the price moved against a position).</item>
/// <item>Market- and limit-if-touched: a buy fires at or below its trigger, a sell at or above (the price came to a better level).</item>
/// <item>Trailing stop: a sell's trigger = max(trigger, price − offset), a buy's = min(trigger, price + offset), where the
/// offset is the price amount or <c>price × percent / 100</c>; it starts from the first price the order sees unless given.</item>
/// </list>
/// </summary>
internal static class OrderTriggers
{
    /// <summary>The order's trigger price at <paramref name="price"/> (a trailing stop without one starts here).</summary>
    public static decimal Current(Order order, decimal price)
    {
        if (order.TriggerPrice is null)
        {
            order.TriggerPrice = TrailingLevel(order, price);
        }

        return order.TriggerPrice.Value;
    }

    /// <summary>True when an order of <paramref name="type"/> and <paramref name="side"/> fires at <paramref name="price"/>.</summary>
    public static bool Reached(OrderType type, Side side, decimal price, decimal trigger)
    {
        var stopLike = type is OrderType.Stop or OrderType.StopLimit or OrderType.TrailingStop;
        return stopLike == (side == Side.Buy) ? price >= trigger : price <= trigger;
    }

    /// <summary>Moves a trailing stop's trigger towards <paramref name="price"/> when the market moved in the position's favour.</summary>
    public static void Trail(Order order, decimal price)
    {
        if (order.Type != OrderType.TrailingStop || order.TriggerPrice is not { } trigger)
        {
            return;
        }

        var level = TrailingLevel(order, price);
        order.TriggerPrice = order.Side == Side.Sell ? Math.Max(trigger, level) : Math.Min(trigger, level);
    }

    private static decimal TrailingLevel(Order order, decimal price)
    {
        var request = order.Request;
        var offset = request.TrailingOffsetType == TrailingOffsetType.Percent
            ? price * request.TrailingOffset!.Value / 100m
            : request.TrailingOffset!.Value;
        return order.Side == Side.Sell ? price - offset : price + offset;
    }
}
