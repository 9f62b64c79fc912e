using Bourse.Engine.Accounting;
using Bourse.Engine.Orders;
using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Engine.Runs.Recovery;
using Bourse.Engine.Statistics;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Values;

namespace Bourse.Engine.Execution;

/// <summary>
/// Carries orders through their lifecycle: id, risk check, venue, fills into the account, order lists, order events
/// out. Order events meant for the strategy are queued in <see cref="Inbox"/> and delivered by the run after the
/// current callback returns, so strategy code is never re-entered.
/// <para>Order lists (see <see cref="OrderList"/>): held children are released (risk-checked and submitted) on their
/// parent's first fill with quantity = listed quantity × the parent's filled share, rounded down to the lot, and grow
/// with each later parent fill; members of an OCO group keep their open quantity at (their cap − what the group
/// filled), and a complete fill of one cancels the others. A bracket exit that fills completely before the entry has
/// ends the bracket: later entry fills are not covered.</para>
/// </summary>
internal sealed class ExecutionEngine : IExchangeListener
{
    /// <summary>The source of risk denials in <see cref="OrderRejected.Source"/>.</summary>
    public const string RiskSource = "risk";

    /// <summary>The source of venue refusals in <see cref="OrderRejected.Source"/>.</summary>
    public const string VenueSource = "venue";

    private readonly IdSequence _orderIds = new();
    private readonly IdSequence _tradeIds = new();
    private readonly Dictionary<ClientOrderId, Order> _orders = [];
    private readonly FinishedOrders _finished = new();
    private readonly List<Order> _open = [];
    private readonly RunEventStream _events;
    private readonly TimeProvider _clock;
    private readonly InstrumentCatalog _instruments;
    private readonly PaperAccount _account;
    private readonly RiskEngine _risk;
    private readonly IFeeModel _fees;
    private readonly RunCounters _counters;
    private readonly IVenue _exchange;
    private readonly SimulatedExchange? _simulated; // the venue when it is the simulated exchange (null with a broker, which matches its orders itself)

    /// <param name="broker">The broker the run trades through, or null for the simulated exchange (built from <paramref name="fillModel"/> and <paramref name="settings"/>).</param>
    public ExecutionEngine(
        RunEventStream events,
        TimeProvider clock,
        InstrumentCatalog instruments,
        PaperAccount account,
        RiskEngine risk,
        IFillModel fillModel,
        ExecutionSettings settings,
        IFeeModel fees,
        RunCounters counters,
        IExecutionClient? broker = null)
    {
        _events = events;
        _clock = clock;
        _instruments = instruments;
        _account = account;
        _risk = risk;
        _fees = fees;
        _counters = counters;
        if (broker is null)
        {
            _exchange = _simulated = new SimulatedExchange(fillModel, settings.CreateSlippageModel(), settings.Latency, instruments, account, this);
        }
        else
        {
            _exchange = new BrokerVenue(broker, this);
        }
    }

    public Queue<OrderEvent> Inbox { get; } = new();

    /// <summary>
    /// Whether order events meant for the strategy are queued in <see cref="Inbox"/>: false when the strategy overrides
    /// no order callback (see <see cref="Runs.OrderCallbacks"/>), so nothing would read them.
    /// </summary>
    public bool QueuesStrategyEvents { get; init; } = true;

    /// <summary>Orders working at the venue, oldest first.</summary>
    public IReadOnlyList<Order> Working => _exchange.Working;

    /// <summary>
    /// The time of the market data event being processed (a bar's close, a tick's timestamp), or null between events.
    /// While set, orders are stamped and sent at this time instead of the clock's: an order reacting to bar t reaches
    /// the venue at t's close (plus latency) in a backtest and in a paper run alike, however long the live host took to
    /// deliver the bar. This makes backtest and paper fills identical on the same data.
    /// </summary>
    public DateTime? MarketTime { get; set; }

    private DateTime Now => MarketTime ?? _clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Creates an order, checks it (or denies it with <paramref name="denial"/>) and sends it to the venue.
    /// <paramref name="riskExempt"/> skips the pre-trade checks (the kill switch's and liquidation's closing orders).
    /// </summary>
    public Order Submit(OrderRequest request, string? denial = null, bool riskExempt = false)
    {
        var order = Create(request);
        Send(order, denial, riskExempt);
        return order;
    }

    /// <summary>Creates the orders of a list, links them, and submits the ones that work at once (the others are held).</summary>
    public IReadOnlyList<ClientOrderId> SubmitList(OrderList list, string? denial = null)
    {
        var problem = denial ?? (list.Problem() is { } p ? $"malformed order list: {p}" : null);
        var orders = new Order[list.Orders?.Count ?? 0];
        for (var i = 0; i < orders.Length; i++)
        {
            orders[i] = Create(list.Orders![i] ?? throw new ArgumentException($"Order {i} of the list is null.", nameof(list)));
        }

        var ids = new ClientOrderId[orders.Length];
        for (var i = 0; i < orders.Length; i++)
        {
            ids[i] = orders[i].Id;
        }

        if (problem is not null)
        {
            foreach (var order in orders)
            {
                Reject(order, order.Request, problem, RiskSource);
            }

            return ids;
        }

        if (list.Type == OrderListType.Oco)
        {
            var group = new List<Order>(orders);
            foreach (var order in orders)
            {
                order.OcoGroup = group;
            }

            foreach (var order in orders)
            {
                Send(order, null);
            }

            return ids;
        }

        var parent = orders[0];
        for (var i = 1; i < orders.Length; i++)
        {
            orders[i].Parent = parent;
            parent.AddChild(orders[i]);
        }

        if (list.Type == OrderListType.Bracket)
        {
            var exits = new List<Order> { orders[1], orders[2] };
            orders[1].OcoGroup = exits;
            orders[2].OcoGroup = exits;
        }

        var now = Now;
        for (var i = 1; i < orders.Length; i++)
        {
            Publish(new OrderHeld(orders[i].Id, orders[i].Instrument, now, orders[i].Request, parent.Id), toStrategy: false);
        }

        Send(parent, null);
        return ids;
    }

    private string? ModifyDenial(Order order, OrderChange change)
    {
        var leaves = (change.Quantity ?? order.Quantity) - order.FilledQuantity;
        if (leaves <= 0m)
        {
            return null; // the exchange refuses a quantity at or below the filled one with its own reason
        }

        var limit = change.LimitPrice ?? order.LimitPrice;
        var trigger = change.TriggerPrice ?? order.TriggerPrice;
        var request = order.Request with
        {
            Quantity = new Quantity(leaves),
            LimitPrice = limit is { } l ? new Price(l) : null,
            TriggerPrice = trigger is { } t ? new Price(t) : null,
        };
        if (request.Problem() is not null)
        {
            return null; // terms the order cannot take: the exchange refuses them with its own reason
        }

        var others = new List<Order>(Working.Count);
        foreach (var working in Working)
        {
            if (!ReferenceEquals(working, order))
            {
                others.Add(working);
            }
        }

        return _risk.Check(request, Now, others);
    }

    /// <summary>An order id that is never used for an order (commands after the run finished).</summary>
    public ClientOrderId UnusedId() => ClientOrderId.Numbered(_orderIds.Next());

    /// <summary>
    /// Sends a modification (held orders change at once; they are risk-checked when released); false when the run has
    /// no order with that id. A modification of a live order passes the risk engine with its new terms (the order's
    /// remaining quantity, new limit and trigger prices) like a new order would, the order itself not counted among the
    /// open orders; a denial is an <see cref="OrderModifyRejected"/> whose reason starts with "risk:", and the order keeps
    /// its old terms.
    /// </summary>
    public bool Modify(ClientOrderId id, OrderChange change)
    {
        if (Find(id) is not { } order)
        {
            return false;
        }

        if (order.IsOpen && order.Status != OrderStatus.Initialized && ModifyDenial(order, change) is { } denial)
        {
            Publish(new OrderModifyRejected(order.Id, order.Instrument, Now, $"risk: {denial}"), toStrategy: true);
            return true;
        }

        if (order.Status == OrderStatus.Initialized)
        {
            _exchange.Modify(order, change, "modified by strategy");
        }
        else
        {
            _exchange.SendModify(order, change, Now);
        }

        return true;
    }

    /// <summary>Sends a cancel (held orders cancel at once); false when the run has no order with that id.</summary>
    public bool Cancel(ClientOrderId id, string reason)
    {
        if (Find(id) is not { } order)
        {
            return false;
        }

        _exchange.SendCancel(order, reason, Now, immediate: order.Status == OrderStatus.Initialized);
        return true;
    }

    /// <summary>Cancels every open order (of <paramref name="instrument"/> when given), oldest first; <paramref name="immediate"/> skips the latency (run stop).</summary>
    public void CancelAll(InstrumentId? instrument, string reason, bool immediate)
    {
        var now = Now;
        var open = _open.ToArray();
        foreach (var order in open)
        {
            if (order.IsOpen && (instrument is null || order.Instrument == instrument))
            {
                _exchange.SendCancel(order, reason, now, immediate || order.Status == OrderStatus.Initialized);
            }
        }
    }

    /// <summary>The order's id, instrument, status and rejection reason now.</summary>
    /// <exception cref="KeyNotFoundException">The run has no order with that id.</exception>
    public OrderTicket Ticket(ClientOrderId id)
    {
        var order = Find(id) ?? throw new KeyNotFoundException($"The run has no order {id}.");
        return new OrderTicket(order.Id, order.Instrument, order.Status, order.RejectionReason);
    }

    /// <summary>True while the order is open (held, on its way, or working).</summary>
    public bool IsOpen(ClientOrderId id) => _orders.TryGetValue(id, out var order) && order.IsOpen;

    /// <summary>The ids of the open orders (held, on their way, or working), oldest first.</summary>
    public IReadOnlyList<ClientOrderId> OpenOrderIds()
    {
        CompactOpen();
        var ids = new ClientOrderId[_open.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = _open[i].Id;
        }

        return ids;
    }

    public void Match(Bar bar) => _simulated?.Match(bar);

    public void Match(TradeTick trade) => _simulated?.Match(trade);

    public void Match(QuoteTick quote) => _simulated?.Match(quote);

    public void Match(OrderBookMessage message) => _simulated?.Match(message);

    public decimal? BookMid(InstrumentId instrument) => _simulated?.BookMid(instrument);

    /// <summary>Delivers commands that reached the venue and expires orders due by <paramref name="now"/>.</summary>
    public void Advance(DateTime now) => _simulated?.Advance(now);

    /// <summary>Applies a broker's report (see <see cref="BrokerVenue"/>); false when the run trades on the simulated exchange or the report names no order at the broker.</summary>
    public bool Apply(VenueReport report) => _exchange is BrokerVenue broker && broker.Apply(report);

    /// <summary>The broker's name, or null on the simulated exchange.</summary>
    public string? BrokerName => (_exchange as BrokerVenue)?.Name;

    /// <summary>Replays a persisted fill into the account and the statistics (a resumed run); publishes nothing.</summary>
    /// <exception cref="InvalidOperationException">The run does not trade the fill's instrument.</exception>
    public void Replay(RecoveredFill fill)
    {
        var outcome = _account.ApplyFill(fill.Instrument, fill.Side, fill.Quantity, fill.Price, fill.Commission);
        _account.Mark(fill.Instrument, fill.Price);
        var rate = _account.ToAccount(fill.Instrument, 1m);
        _counters.RecordFill(fill.Instrument, fill.Side.Sign() * fill.Quantity, CurrencyConverter.Convert(fill.Price, rate), CurrencyConverter.Convert(fill.Commission, rate), CurrencyConverter.Convert(outcome.RealizedPnl, rate));
    }

    /// <summary>Carries order and trade numbering on after the last persisted ids (a resumed run).</summary>
    public void ContinueIds(long lastOrder, long lastTrade)
    {
        _orderIds.ContinueAfter(lastOrder);
        _tradeIds.ContinueAfter(lastTrade);
    }

    /// <summary>
    /// Restores a persisted open order (a resumed run) in its status with its filled quantity and commission: a working
    /// one goes back into the venue's book, a submitted one is sent again (the venue accepts it after the latency).
    /// Returns null when restored, else why it could not be (it is then left out, and reconciliation reports it).
    /// </summary>
    public string? Restore(RecoveredOrder recovered, decimal commission)
    {
        var request = recovered.Request;
        var problem = !_instruments.Contains(request.Instrument) ? $"the run does not trade {request.Instrument}"
            : request.Problem() is { } p ? $"its terms are malformed: {p}"
            : _orders.ContainsKey(recovered.Id) || _finished.Contains(recovered.Id) ? "its id is used twice"
            : recovered.Status switch
            {
                OrderStatus.Submitted or OrderStatus.Accepted or OrderStatus.Triggered when recovered.FilledQuantity == 0m => null,
                OrderStatus.PartiallyFilled when recovered.FilledQuantity > 0m && recovered.FilledQuantity < request.Quantity.Value => null,
                OrderStatus.Initialized => "it was held by an order list, whose links are not persisted",
                _ => $"status {recovered.Status} with {Invariant.Num(recovered.FilledQuantity)} of {Invariant.Num(request.Quantity.Value)} filled is not an open order",
            };
        if (problem is not null)
        {
            return problem;
        }

        var order = new Order(recovered.Id, request, recovered.CreatedAt) { Commission = commission };
        order.Apply(OrderAction.Submit);
        _orders.Add(order.Id, order);
        _open.Add(order);
        if (recovered.Status == OrderStatus.Submitted)
        {
            _exchange.RestoreSubmitted(order, Now);
            return null;
        }

        order.Apply(OrderAction.Accept);
        if (recovered.Status != OrderStatus.Accepted)
        {
            order.IsTriggered = true;
            if (request.Type.HasTrigger() && request.Type.HasLimitPrice())
            {
                order.Apply(OrderAction.Trigger);
            }
        }

        if (recovered.FilledQuantity > 0m)
        {
            order.ApplyFill(recovered.FilledQuantity);
        }

        _exchange.Restore(order, recovered.CreatedAt);
        return null;
    }

    /// <summary>The paper venue's view of the run (reconciliation): the orders at the venue (not held ones) and the account's open positions.</summary>
    public VenueSnapshot PaperSnapshot()
    {
        CompactOpen();
        var orders = new List<VenueOrder>(_open.Count);
        foreach (var order in _open)
        {
            if (order.Status != OrderStatus.Initialized)
            {
                orders.Add(new VenueOrder(order.Id, order.Instrument, order.Side, order.Status, order.Quantity, order.FilledQuantity));
            }
        }

        return new VenueSnapshot(orders, [.. _account.OpenPositions.Select(p => new VenuePosition(p.Instrument, p.NetQuantity))]);
    }

    /// <summary>Cancels an order locally at once (reconciliation: the venue does not hold it); false when the run has no such open order.</summary>
    public bool CancelLocally(ClientOrderId id, string reason) =>
        _orders.TryGetValue(id, out var order) && order.IsOpen && _exchange.CancelLocally(order, reason);

    void IExchangeListener.OnAccepted(Order order)
    {
        if (_events.TakesBookkeeping)
        {
            Publish(new OrderAccepted(order.Id, order.Instrument, Now), toStrategy: false);
        }
        else
        {
            _events.Skip();
        }
    }

    void IExchangeListener.OnRejected(Order order, string reason)
    {
        Reject(order, order.Request with { Quantity = order.Quantity }, reason, VenueSource, applied: true);
    }

    void IExchangeListener.OnFilled(Order order, FillDecision fill)
    {
        var instrument = _instruments.Get(order.Instrument);
        var commission = _fees.Commission(new FeeInput(instrument, fill.Price, fill.Quantity, fill.IsMaker, order.FilledQuantity - fill.Quantity, order.Commission));
        Fill(order, instrument, fill, commission);
    }

    /// <summary>A broker's fill: its price and commission; whether it added liquidity is not known (reported as taker).</summary>
    void IExchangeListener.OnVenueFilled(Order order, decimal price, decimal quantity, decimal commission) =>
        Fill(order, _instruments.Get(order.Instrument), new FillDecision(price, quantity, false), commission);

    private void Fill(Order order, Instrument instrument, FillDecision fill, decimal commission)
    {
        var now = Now;
        order.Commission += commission;
        var side = order.Side;
        var outcome = _account.ApplyFill(order.Instrument, side, fill.Quantity, fill.Price, commission);
        var rate = _account.ToAccount(order.Instrument, 1m); // statistics are in the account currency
        _counters.RecordFill(
            order.Instrument,
            side.Sign() * fill.Quantity,
            CurrencyConverter.Convert(fill.Price, rate),
            CurrencyConverter.Convert(commission, rate),
            CurrencyConverter.Convert(outcome.RealizedPnl, rate));

        if (order.Status == OrderStatus.Filled)
        {
            _counters.FilledOrders++;
        }

        var filled = new OrderFilled(
            order.Id,
            order.Instrument,
            now,
            TradeId.Numbered(_tradeIds.Next()),
            side,
            fill.Price,
            fill.Quantity,
            new(commission, instrument.QuoteCurrency),
            order.LeavesQuantity,
            fill.IsMaker,
            order.FilledQuantity);
        _events.Order(filled);
        _events.Position(now, _account, order.Instrument);
        _events.Account(now, _account);
        if (QueuesStrategyEvents)
        {
            Inbox.Enqueue(filled);
        }
        if (order.Children.Count > 0)
        {
            SizeChildren(order);
        }

        if (order.OcoGroup is { } group)
        {
            SizeSiblings(order, group);
        }
    }

    void IExchangeListener.OnTriggered(Order order) =>
        Publish(new OrderTriggered(order.Id, order.Instrument, Now, order.TriggerPrice ?? 0m), toStrategy: true);

    void IExchangeListener.OnModified(Order order, string reason) =>
        Publish(new OrderModified(order.Id, order.Instrument, Now, order.Quantity, order.LimitPrice, order.TriggerPrice, reason), toStrategy: true);

    void IExchangeListener.OnModifyRejected(Order order, string reason) =>
        Publish(new OrderModifyRejected(order.Id, order.Instrument, Now, reason), toStrategy: true);

    void IExchangeListener.OnCanceled(Order order, string reason)
    {
        Publish(new OrderCanceled(order.Id, order.Instrument, Now, reason), toStrategy: true);
        DropHeldChildren(order, "canceled");
    }

    void IExchangeListener.OnCancelRejected(Order order, string reason) =>
        Publish(new OrderCancelRejected(order.Id, order.Instrument, Now, reason), toStrategy: true);

    void IExchangeListener.OnExpired(Order order)
    {
        Publish(new OrderExpired(order.Id, order.Instrument, Now), toStrategy: true);
        DropHeldChildren(order, "expired");
    }

    private Order Create(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var order = new Order(ClientOrderId.Numbered(_orderIds.Next()), request, Now);
        _counters.TotalOrders++;
        _orders.Add(order.Id, order);
        CompactOpen();
        _open.Add(order);
        return order;
    }

    /// <summary>Risk-checks an Initialized order (its current quantity) and sends it to the venue, or rejects it; <paramref name="riskExempt"/> skips the checks.</summary>
    private void Send(Order order, string? denial, bool riskExempt = false)
    {
        var now = Now;
        var request = order.Quantity == order.Request.Quantity.Value ? order.Request : order.Request with { Quantity = order.Quantity };
        var reason = denial ?? (riskExempt ? null : _risk.Check(request, now, Working));
        if (reason is not null)
        {
            Reject(order, request, reason, RiskSource);
            return;
        }

        order.Apply(OrderAction.Submit);
        if (_events.TakesBookkeeping)
        {
            _events.Order(new OrderSubmitted(order.Id, order.Instrument, now, request));
        }
        else
        {
            _events.Skip();
        }

        _exchange.Send(order, now);
    }

    private void Reject(Order order, OrderRequest request, string reason, string source, bool applied = false)
    {
        if (!applied)
        {
            order.Apply(OrderAction.Reject);
            order.RejectionReason = reason;
        }

        _counters.RejectedOrders++;
        Publish(new OrderRejected(order.Id, order.Instrument, Now, request, reason, source), toStrategy: true);
        DropHeldChildren(order, "rejected");
    }

    private void SizeChildren(Order parent)
    {
        foreach (var child in parent.Children)
        {
            if (!child.IsOpen)
            {
                continue;
            }

            var quantity = child.FilledQuantity + Cap(child) - GroupFilled(child);
            if (child.Status != OrderStatus.Initialized)
            {
                Resize(child, quantity, $"sized to the {Invariant.Num(parent.FilledQuantity)} filled of parent {parent.Id}");
            }
            else if (quantity > 0m)
            {
                child.Quantity = quantity;
                Send(child, null);
            }
        }
    }

    private void SizeSiblings(Order filled, List<Order> group)
    {
        foreach (var sibling in group)
        {
            if (sibling == filled || !sibling.IsOpen)
            {
                continue;
            }

            if (filled.Status == OrderStatus.Filled)
            {
                _exchange.Cancel(sibling, $"OCO: {filled.Id} filled");
                continue;
            }

            Resize(sibling, sibling.FilledQuantity + Cap(sibling) - GroupFilled(sibling), $"OCO: {filled.Id} filled {Invariant.Num(filled.FilledQuantity)}");
        }
    }

    /// <summary>The most an order-list member may fill: its listed quantity, scaled by its parent's filled share when it has a parent.</summary>
    private decimal Cap(Order order) => order.Parent is not { } parent
        ? order.ListedQuantity
        : _instruments.Get(order.Instrument).RoundDownToLot(order.ListedQuantity * parent.FilledQuantity / parent.Quantity);

    private static decimal GroupFilled(Order order)
    {
        if (order.OcoGroup is not { } group)
        {
            return order.FilledQuantity;
        }

        var total = 0m;
        foreach (var member in group)
        {
            total += member.FilledQuantity;
        }

        return total;
    }

    private void Resize(Order order, decimal quantity, string reason)
    {
        if (quantity <= order.FilledQuantity)
        {
            _exchange.Cancel(order, reason);
        }
        else if (quantity != order.Quantity)
        {
            _exchange.Modify(order, new OrderChange(quantity, null, null), reason);
        }
    }

    private void DropHeldChildren(Order parent, string what)
    {
        if (parent.FilledQuantity > 0m)
        {
            return;
        }

        foreach (var child in parent.Children)
        {
            if (child.Status == OrderStatus.Initialized)
            {
                _exchange.Cancel(child, $"parent {parent.Id} {what} without a fill");
            }
        }
    }

    private void Publish(OrderEvent orderEvent, bool toStrategy)
    {
        _events.Order(orderEvent);
        if (toStrategy && QueuesStrategyEvents)
        {
            Inbox.Enqueue(orderEvent);
        }
    }

    /// <summary>The run's order named <paramref name="id"/>: an open one, or a finished one rebuilt from <see cref="FinishedOrders"/>; null when there is none.</summary>
    private Order? Find(ClientOrderId id) => _orders.TryGetValue(id, out var order) ? order : _finished.Find(id);

    /// <summary>Moves the finished orders from the open ones to <see cref="FinishedOrders"/> (later commands naming them find them there).</summary>
    private void CompactOpen()
    {
        var kept = 0;
        for (var i = 0; i < _open.Count; i++)
        {
            var order = _open[i];
            if (order.IsOpen)
            {
                _open[kept++] = order;
            }
            else
            {
                _orders.Remove(order.Id);
                _finished.Add(order);
            }
        }

        _open.RemoveRange(kept, _open.Count - kept);
    }
}
