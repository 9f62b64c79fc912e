using Bourse.Engine.Orders;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Execution;

/// <summary>What the simulated exchange reports back for working orders.</summary>
internal interface IExchangeListener
{
    void OnFilled(Order order, FillDecision fill);

    void OnCanceled(Order order, string reason);

    void OnExpired(Order order);
}

/// <summary>
/// The paper venue: holds working orders and matches them against bars with an <see cref="IFillModel"/>.
/// <para>No look-ahead: an order created at time t only meets bars whose open time is ≥ t, so an order sent
/// while processing bar t (delivered at its close) first meets bar t+1.</para>
/// <para>Time in force: IOC is canceled for whatever did not fill on the first bar it meets. DAY expires when the
/// UTC date changes: on a bar, before matching, when the bar's open time is on a later UTC date than the order's
/// creation (so a daily bar that opened on the order's day can still fill it); on a clock tick
/// (<see cref="ExpireDayOrders"/>), when the clock's UTC date is later. Equity sessions are not modeled (yet).</para>
/// </summary>
internal sealed class SimulatedExchange(IFillModel fillModel)
{
    private readonly List<Order> _working = [];

    public IReadOnlyList<Order> Working => _working;

    /// <summary>Accepts a submitted order (Submitted → Accepted); it works from now on.</summary>
    public void Accept(Order order)
    {
        order.Apply(OrderStatus.Accepted);
        _working.Add(order);
    }

    public Order? Find(ClientOrderId id)
    {
        foreach (var order in _working)
        {
            if (order.Id == id)
            {
                return order;
            }
        }

        return null;
    }

    /// <summary>Cancels a working order; false when it is not working here.</summary>
    public bool Cancel(ClientOrderId id, string reason, IExchangeListener listener)
    {
        var order = Find(id);
        if (order is null)
        {
            return false;
        }

        _working.Remove(order);
        order.Apply(OrderStatus.Canceled);
        listener.OnCanceled(order, reason);
        return true;
    }

    /// <summary>Cancels every working order, oldest first.</summary>
    public void CancelAll(string reason, IExchangeListener listener)
    {
        while (_working.Count > 0)
        {
            var order = _working[0];
            _working.RemoveAt(0);
            order.Apply(OrderStatus.Canceled);
            listener.OnCanceled(order, reason);
        }
    }

    /// <summary>Expires DAY orders created on an earlier UTC date than <paramref name="now"/>.</summary>
    public void ExpireDayOrders(DateTime now, IExchangeListener listener)
    {
        for (var i = 0; i < _working.Count;)
        {
            var order = _working[i];
            if (order.Request.TimeInForce == TimeInForce.Day && now.Date > order.CreatedAt.Date)
            {
                _working.RemoveAt(i);
                order.Apply(OrderStatus.Expired);
                listener.OnExpired(order);
                continue;
            }

            i++;
        }
    }

    /// <summary>Matches the working orders of the bar's instrument against the bar, oldest order first.</summary>
    public void Match(Bar bar, IExchangeListener listener)
    {
        for (var i = 0; i < _working.Count;)
        {
            var order = _working[i];
            if (order.Instrument != bar.Instrument)
            {
                i++;
                continue;
            }

            var tif = order.Request.TimeInForce;
            if (tif == TimeInForce.Day && bar.OpenTime.Date > order.CreatedAt.Date)
            {
                _working.RemoveAt(i);
                order.Apply(OrderStatus.Expired);
                listener.OnExpired(order);
                continue;
            }

            if (bar.OpenTime < order.CreatedAt)
            {
                i++;
                continue;
            }

            if (fillModel.TryMatch(order.Request, order.LeavesQuantity, bar, out var fill))
            {
                order.ApplyFill(fill.Quantity);
                listener.OnFilled(order, fill);
            }

            if (!order.IsWorking)
            {
                _working.RemoveAt(i);
                continue;
            }

            if (tif == TimeInForce.Ioc)
            {
                _working.RemoveAt(i);
                order.Apply(OrderStatus.Canceled);
                listener.OnCanceled(order, "IOC: not filled on the first bar after submission");
                continue;
            }

            i++;
        }
    }
}
