namespace Bourse.Sdk.Orders;

/// <summary>
/// Orders submitted together with a contingency between them (the SubmitOrderList command's payload).
/// <list type="bullet">
/// <item><see cref="OrderListType.Bracket"/>: <c>Orders = [entry, takeProfit, stopLoss]</c>. The exits are held until the
/// entry fills; then they work as an OCO pair. Each fill of the entry sizes the exits to the entry's filled quantity.</item>
/// <item><see cref="OrderListType.Oco"/>: all orders work at once; a partial fill of one reduces the others' open quantity by
/// as much, a complete fill cancels them.</item>
/// <item><see cref="OrderListType.Oto"/>: <c>Orders[0]</c> is the parent; the others are held until it fills, then released
/// with quantity = their quantity × the parent's filled share (rounded down to the lot), growing with later parent fills.</item>
/// </list>
/// A held order whose parent is canceled, rejected or expires without any fill is canceled.
/// </summary>
/// <param name="Type">The contingency.</param>
/// <param name="Orders">The orders, parent (or entry) first.</param>
public sealed record OrderList(OrderListType Type, IReadOnlyList<OrderRequest> Orders)
{
    /// <summary>A bracket: <paramref name="entry"/> with a take-profit and a stop-loss exit on the opposite side.</summary>
    public static OrderList Bracket(OrderRequest entry, OrderRequest takeProfit, OrderRequest stopLoss) =>
        new(OrderListType.Bracket, [entry, takeProfit, stopLoss]);

    /// <summary>One-cancels-other over two or more orders.</summary>
    public static OrderList Oco(params OrderRequest[] orders) => new(OrderListType.Oco, orders);

    /// <summary>One-triggers-other: <paramref name="parent"/> releases <paramref name="children"/> when it fills.</summary>
    public static OrderList Oto(OrderRequest parent, params OrderRequest[] children) => new(OrderListType.Oto, [parent, .. children]);

    /// <summary>Returns the reason the list is malformed (naming the order at fault by its index), or null when it is well formed.</summary>
    public string? Problem()
    {
        if (Orders is null || Orders.Count < 2)
        {
            return "an order list needs at least two orders";
        }

        for (var i = 0; i < Orders.Count; i++)
        {
            if (Orders[i] is null)
            {
                return $"order {i} is missing";
            }

            if (Orders[i].Problem() is { } problem)
            {
                return $"order {i}: {problem}";
            }

            if (Orders[i].Instrument != Orders[0].Instrument)
            {
                return $"order {i}: all orders of a list must trade {Orders[0].Instrument}";
            }
        }

        return Type == OrderListType.Bracket ? BracketProblem() : null;
    }

    private string? BracketProblem()
    {
        if (Orders.Count != 3)
        {
            return "a bracket has exactly three orders: entry, take-profit, stop-loss";
        }

        var (entry, takeProfit, stopLoss) = (Orders[0], Orders[1], Orders[2]);
        return (takeProfit, stopLoss) switch
        {
            _ when takeProfit.Side == entry.Side || stopLoss.Side == entry.Side => "the take-profit and stop-loss must be on the side opposite the entry",
            _ when takeProfit.Quantity != entry.Quantity || stopLoss.Quantity != entry.Quantity => "the take-profit and stop-loss quantities must equal the entry's",
            ({ Type: not (OrderType.Limit or OrderType.LimitIfTouched or OrderType.MarketIfTouched) }, _) => "the take-profit must be a limit, limit-if-touched or market-if-touched order",
            (_, { Type: not (OrderType.Stop or OrderType.StopLimit or OrderType.TrailingStop) }) => "the stop-loss must be a stop, stop-limit or trailing stop order",
            _ => null,
        };
    }
}
