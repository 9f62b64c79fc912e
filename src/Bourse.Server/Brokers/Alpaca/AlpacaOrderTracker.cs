using Bourse.Engine.Execution;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Server.Brokers.Alpaca;

/// <summary>
/// Turns what Alpaca says about a run's orders — the answers to its HTTP calls, the trade_updates stream, the re-sync
/// reads after a reconnect — into <see cref="VenueReport"/>s, each change once. It compares every order object with
/// what it has reported of that order, so a duplicate, a late message or a read of a state already reported yields
/// nothing, and changes missed while the stream was down come out of the next read:
/// <list type="bullet">
/// <item>accepted: once, at the first status past <c>pending_new</c> (and before anything else of the order);</item>
/// <item>replaced: when the quantity, limit or stop price differ from the last reported (a trailing stop's moving stop excepted);</item>
/// <item>filled: when the cumulative <c>filled_qty</c> grew; the fill's price is the update's own price when the update
/// carries this very quantity, else the one the cumulative average implies
/// ((filled_avg_price × filled_qty − what was reported) / the new quantity); the commission is the growth of the
/// order's <c>commission</c> (0 when Alpaca reports none);</item>
/// <item>canceled, expired, rejected: the final status (the order is then forgotten); order_replace_rejected and
/// order_cancel_rejected events: the refusal.</item>
/// </list>
/// An order object is the run's by its client order id, or by its Alpaca id once seen, or by its <c>replaces</c> link to
/// one: a replacement that Alpaca books as a new order (a new id and a client order id of Alpaca's making) continues the
/// run's order, and its fills count on top of its predecessors'. Not thread-safe: the client serialises its use.
/// </summary>
public sealed class AlpacaOrderTracker(AlpacaClientOrderIds ids)
{
    private const string RejectedByBroker = "rejected by the broker";
    private readonly Dictionary<ClientOrderId, Known> _known = [];
    private readonly Dictionary<string, ClientOrderId> _byBrokerId = [];

    /// <summary>The run's orders not known to be final, with Alpaca's id of their current version when known (to read them again).</summary>
    public IReadOnlyList<(ClientOrderId Id, string? BrokerId)> Open => [.. _known.Where(k => !k.Value.Final).Select(k => (k.Key, k.Value.BrokerId))];

    /// <summary>Starts following an order sent with <paramref name="terms"/>.</summary>
    public void Track(ClientOrderId id, OrderRequest terms) => _known[id] = new Known(terms);

    /// <summary>Starts following an order of a resumed run, already <paramref name="filled"/> (base units) for <paramref name="notional"/> (quote currency).</summary>
    public void Seed(ClientOrderId id, OrderRequest terms, bool accepted, decimal filled, decimal notional) =>
        _known[id] = new Known(terms) { Accepted = accepted, Filled = filled, Notional = notional };

    /// <summary>Alpaca's id of the order's current version, or null when not known yet.</summary>
    public string? BrokerId(ClientOrderId id) => _known.GetValueOrDefault(id)?.BrokerId;

    /// <summary>The broker refused the order outright (an HTTP error): a rejection with its message, and the order is forgotten.</summary>
    public VenueReport Refuse(ClientOrderId id, string message)
    {
        if (_known.TryGetValue(id, out var known))
        {
            known.Final = true;
        }

        return new VenueOrderRejected(id, message);
    }

    /// <summary>The reports of what <paramref name="order"/> (with the stream <paramref name="update"/> it came in, if any) says that was not reported yet.</summary>
    public IReadOnlyList<VenueReport> Update(AlpacaOrder order, AlpacaTradeUpdate? update = null)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!TryIdentify(order, out var id) || !_known.TryGetValue(id, out var known) || known.Final)
        {
            return [];
        }

        var reports = new List<VenueReport>();
        switch (update?.Event)
        {
            case "order_replace_rejected":
                reports.Add(new VenueReplaceRejected(id, "the broker refused the replace"));
                break;
            case "order_cancel_rejected":
                reports.Add(new VenueCancelRejected(id, "the broker refused the cancel"));
                break;
        }

        if (order.Id != known.BrokerId)
        {
            if (order.Status == "replaced")
            {
                return reports; // a predecessor of the order's current version
            }

            if (known.BrokerId is not null)
            {
                (known.BaseFilled, known.BaseNotional, known.BaseCommission) = (known.Filled, known.Notional, known.Commission);
            }

            known.BrokerId = order.Id;
            _byBrokerId[order.Id] = id;
        }

        if (order.Status == "pending_new")
        {
            return reports;
        }

        if (order.Status == "rejected" && known.Filled == 0m)
        {
            known.Final = true;
            reports.Add(new VenueOrderRejected(id, RejectedByBroker));
            return reports;
        }

        if (!known.Accepted)
        {
            known.Accepted = true;
            reports.Add(new VenueOrderAccepted(id));
        }

        Replace(id, known, order, reports);
        Fill(id, known, order, update, reports);
        switch (order.Status)
        {
            case "filled" when known.Filled >= known.Quantity:
                known.Final = true;
                break;
            case "canceled":
            case "rejected":
                known.Final = true;
                reports.Add(new VenueOrderCanceled(id, order.Status == "canceled" ? "canceled at the broker" : RejectedByBroker));
                break;
            case "expired":
                known.Final = true;
                reports.Add(new VenueOrderExpired(id));
                break;
        }

        return reports;
    }

    private bool TryIdentify(AlpacaOrder order, out ClientOrderId id) =>
        ids.TryParse(order.ClientOrderId, out id)
        || _byBrokerId.TryGetValue(order.Id, out id)
        || (order.Replaces is { } replaced && _byBrokerId.TryGetValue(replaced, out id));

    private static void Replace(ClientOrderId id, Known known, AlpacaOrder order, List<VenueReport> reports)
    {
        var quantity = order.Quantity ?? known.Quantity;
        var stop = known.Trailing ? known.Stop : order.StopPrice;
        if (quantity == known.Quantity && order.LimitPrice == known.Limit && stop == known.Stop)
        {
            return;
        }

        (known.Quantity, known.Limit, known.Stop) = (quantity, order.LimitPrice, stop);
        reports.Add(new VenueOrderReplaced(id, quantity, order.LimitPrice, stop));
    }

    private static void Fill(ClientOrderId id, Known known, AlpacaOrder order, AlpacaTradeUpdate? update, List<VenueReport> reports)
    {
        var cumulative = order.FilledQuantity ?? 0m;
        var filled = known.BaseFilled + cumulative;
        if (filled <= known.Filled)
        {
            return;
        }

        var quantity = filled - known.Filled;
        var price = update is { Price: { } p, Quantity: { } q } && q == quantity
            ? p
            : (known.BaseNotional + ((order.FilledAveragePrice ?? update?.Price ?? 0m) * cumulative) - known.Notional) / quantity;
        var commission = Math.Max(0m, known.BaseCommission + (order.Commission ?? 0m) - known.Commission);
        known.Filled = filled;
        known.Notional += price * quantity;
        known.Commission += commission;
        reports.Add(new VenueOrderFilled(id, price, quantity, commission));
    }

    /// <summary>What was reported of one order. Quantities base units, money quote currency.</summary>
    private sealed class Known(OrderRequest terms)
    {
        public string? BrokerId { get; set; }

        public bool Accepted { get; set; }

        public bool Final { get; set; }

        public bool Trailing { get; } = terms.Type == OrderType.TrailingStop;

        public decimal Quantity { get; set; } = terms.Quantity.Value;

        public decimal? Limit { get; set; } = terms.LimitPrice?.Value;

        public decimal? Stop { get; set; } = terms.Type == OrderType.TrailingStop ? null : terms.TriggerPrice?.Value;

        public decimal Filled { get; set; }

        public decimal Notional { get; set; }

        public decimal Commission { get; set; }

        public decimal BaseFilled { get; set; }

        public decimal BaseNotional { get; set; }

        public decimal BaseCommission { get; set; }
    }
}
