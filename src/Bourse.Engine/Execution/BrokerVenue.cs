using Bourse.Engine.Orders;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Values;

namespace Bourse.Engine.Execution;

/// <summary>
/// A broker as the run's venue: orders, replaces and cancels go out through the <see cref="IExecutionClient"/> without
/// waiting, and the broker's answers (<see cref="VenueReport"/>s) are applied when the run receives them, through the
/// same order state machine and <see cref="IExchangeListener"/> as the simulated exchange's. Nothing is matched here:
/// market data only marks the account, and fills carry the broker's price and commission.
/// <list type="bullet">
/// <item>Orders held by an order list (Initialized) have not reached the broker: their cancels and changes stay local.</item>
/// <item>A fill, expiry or replace reported for an order the broker has not acknowledged yet accepts it first (the
/// answers of the order's HTTP call and of the broker's stream may arrive in either order).</item>
/// <item>A cancel reports the reason the run gave when the broker confirms it; an immediate cancel (the run's stop) is
/// sent and applied at once, and the broker's later answer is ignored.</item>
/// <item>A fill beyond the order's open quantity is clipped to it.</item>
/// </list>
/// </summary>
internal sealed class BrokerVenue(IExecutionClient client, IExchangeListener listener) : IVenue
{
    private const string ReplacedReason = "replaced at the venue";

    private readonly Dictionary<ClientOrderId, Order> _sent = [];
    private readonly Dictionary<ClientOrderId, string> _cancelReasons = [];
    private readonly Dictionary<ClientOrderId, string> _replaceReasons = [];
    private readonly List<Order> _working = [];

    /// <summary>The broker's name.</summary>
    public string Name => client.Venue;

    public IReadOnlyList<Order> Working => _working;

    public void Send(Order order, DateTime now)
    {
        order.ArrivesAt = now;
        _sent[order.Id] = order;
        var request = order.Request with
        {
            Quantity = new Quantity(order.Quantity),
            LimitPrice = order.LimitPrice is { } limit ? new Price(limit) : null,
            TriggerPrice = order.TriggerPrice is { } trigger ? new Price(trigger) : null,
        };
        client.Submit(order.Id, request);
    }

    public void SendModify(Order order, OrderChange change, DateTime now) => Modify(order, change, "modified by strategy");

    public void SendCancel(Order order, string reason, DateTime now, bool immediate = false)
    {
        if (!Cancel(order, reason) || !immediate || !order.IsOpen)
        {
            return;
        }

        _cancelReasons.Remove(order.Id);
        CancelLocally(order, reason);
    }

    public bool Cancel(Order order, string reason)
    {
        if (!_sent.ContainsKey(order.Id) || !order.IsOpen)
        {
            return CancelLocally(order, reason);
        }

        _cancelReasons[order.Id] = reason;
        client.Cancel(order.Id);
        return true;
    }

    public bool Modify(Order order, OrderChange change, string reason)
    {
        if (!_sent.ContainsKey(order.Id))
        {
            return change.ApplyTo(order, listener, reason);
        }

        if (change.Problem(order) is { } problem)
        {
            listener.OnModifyRejected(order, problem);
            return false;
        }

        _replaceReasons[order.Id] = reason;
        client.Replace(order.Id, change.Quantity, change.LimitPrice, change.TriggerPrice);
        return true;
    }

    public bool CancelLocally(Order order, string reason)
    {
        if (!order.TryApply(OrderAction.Cancel, out var refusal))
        {
            listener.OnCancelRejected(order, $"cannot cancel: {refusal}");
            return false;
        }

        listener.OnCanceled(order, reason);
        Forget(order);
        return true;
    }

    public void Restore(Order order, DateTime createdAt)
    {
        _sent[order.Id] = order;
        _working.Add(order);
    }

    /// <summary>The broker answers for it when its client syncs (its order is found, or reconciliation cancels it).</summary>
    public void RestoreSubmitted(Order order, DateTime now) => _sent[order.Id] = order;

    /// <summary>Applies a broker's report; false when it names no order the broker holds for the run (ignored).</summary>
    public bool Apply(VenueReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!_sent.TryGetValue(report.OrderId, out var order))
        {
            return false;
        }

        switch (report)
        {
            case VenueOrderAccepted:
                Accept(order);
                break;
            case VenueOrderRejected rejected:
                Reject(order, rejected.Reason);
                break;
            case VenueOrderFilled filled:
                Fill(order, filled);
                break;
            case VenueOrderCanceled canceled when order.TryApply(OrderAction.Cancel, out _):
                listener.OnCanceled(order, _cancelReasons.GetValueOrDefault(order.Id) ?? canceled.Reason);
                break;
            case VenueOrderExpired:
                Accept(order);
                if (order.TryApply(OrderAction.Expire, out _))
                {
                    listener.OnExpired(order);
                }

                break;
            case VenueOrderReplaced replaced:
                Replace(order, replaced);
                break;
            case VenueReplaceRejected refused:
                _replaceReasons.Remove(order.Id);
                listener.OnModifyRejected(order, refused.Reason);
                break;
            case VenueCancelRejected refused:
                _cancelReasons.Remove(order.Id);
                listener.OnCancelRejected(order, refused.Reason);
                break;
        }

        if (!order.IsOpen)
        {
            Forget(order);
        }

        return true;
    }

    private void Accept(Order order)
    {
        if (order.Status != OrderStatus.Submitted)
        {
            return;
        }

        order.Apply(OrderAction.Accept);
        _working.Add(order);
        listener.OnAccepted(order);
    }

    private void Reject(Order order, string reason)
    {
        if (order.Status == OrderStatus.Submitted)
        {
            order.Apply(OrderAction.Reject);
            order.RejectionReason = reason;
            listener.OnRejected(order, reason);
        }
        else if (order.TryApply(OrderAction.Cancel, out _))
        {
            listener.OnCanceled(order, $"rejected by the venue: {reason}");
        }
    }

    private void Fill(Order order, VenueOrderFilled fill)
    {
        Accept(order);
        var quantity = Math.Min(fill.Quantity, order.LeavesQuantity);
        if (!order.IsWorking || quantity <= 0m)
        {
            return;
        }

        order.ApplyFill(quantity);
        listener.OnVenueFilled(order, fill.Price, quantity, fill.Commission);
    }

    private void Replace(Order order, VenueOrderReplaced replaced)
    {
        Accept(order);
        if (replaced.Quantity <= order.FilledQuantity || !order.TryApply(OrderAction.Modify, out _))
        {
            return;
        }

        order.Quantity = replaced.Quantity;
        order.LimitPrice = replaced.LimitPrice;
        order.TriggerPrice = replaced.TriggerPrice;
        listener.OnModified(order, _replaceReasons.Remove(order.Id, out var reason) ? reason : ReplacedReason);
    }

    private void Forget(Order order)
    {
        _sent.Remove(order.Id);
        _cancelReasons.Remove(order.Id);
        _replaceReasons.Remove(order.Id);
        _working.Remove(order);
    }
}
