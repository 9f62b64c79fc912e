using Bourse.Engine.Accounting;
using Bourse.Engine.Calendars;
using Bourse.Engine.OrderBook;
using Bourse.Engine.Orders;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Execution;

/// <summary>What a venue (<see cref="IVenue"/>) reports back about the orders sent to it.</summary>
internal interface IExchangeListener
{
    void OnAccepted(Order order);

    void OnRejected(Order order, string reason);

    void OnFilled(Order order, FillDecision fill);

    /// <summary>A fill priced and charged by a broker: <paramref name="commission"/> in the instrument's quote currency.</summary>
    void OnVenueFilled(Order order, decimal price, decimal quantity, decimal commission);

    void OnTriggered(Order order);

    void OnModified(Order order, string reason);

    void OnModifyRejected(Order order, string reason);

    void OnCanceled(Order order, string reason);

    void OnCancelRejected(Order order, string reason);

    void OnExpired(Order order);
}

/// <summary>
/// The paper venue: receives orders, modifications and cancels after the run's latency, holds working orders and
/// matches them against market data with the run's <see cref="IFillModel"/>.
/// <list type="bullet">
/// <item>No look-ahead: an order meets market data stamped at or after its arrival (a bar by its open time), so an order
/// sent while processing bar t (at its close) first meets bar t+1. Commands arriving inside a bar take effect after it.</item>
/// <item>Each event (a bar's four path points, or one tick) fills an order at most once. Trigger orders check their
/// trigger at every point (on a quote: the ask for a buy, the bid for a sell); a trigger crossed between two bar points
/// fills at the trigger price. A trailing stop's trigger starts at the first price it sees (unless given) and follows
/// the best price by its offset.</item>
/// <item>Time in force: IOC and FOK act on the first event after arrival (trigger orders: after triggering); DAY expires at
/// the session close of the instrument's <see cref="TradingCalendars">calendar</see>, GTD at its expire time, before the
/// first event at or after that time (or on <see cref="Advance"/>).</item>
/// <item>Post-only: rejected on arrival if marketable against the last quote (or last price); its fills are maker fills.</item>
/// <item>Reduce-only: rejected on arrival unless it reduces the position; each fill is clipped to the position, and the
/// rest is canceled once the position is closed.</item>
/// <item>Volume: fills are rounded down to the lot; the bar model caps each order per bar, the tick model shares one tick's
/// size among orders, oldest first.</item>
/// </list>
/// </summary>
internal sealed class SimulatedExchange(
    IFillModel fillModel,
    ISlippageModel slippage,
    TimeSpan latency,
    InstrumentCatalog instruments,
    PaperAccount account,
    IExchangeListener listener) : IVenue
{
    private readonly List<Order> _working = [];
    private readonly Queue<Command> _inFlight = new();
    private readonly Dictionary<InstrumentId, QuoteTick> _quotes = [];
    private readonly OrderBookFillModel? _bookModel = fillModel as OrderBookFillModel;
    private decimal _usedBuy;
    private decimal _usedSell;
    private bool _matching;

    private enum CommandKind
    {
        Submit,
        Modify,
        Cancel,
    }

    /// <summary>Orders working at the venue, oldest first.</summary>
    public IReadOnlyList<Order> Working => _working;

    /// <summary>True when any submit, modify or cancel is still on its way to the venue.</summary>
    public bool HasInFlight => _inFlight.Count > 0;

    /// <summary>Sends a submitted order; it arrives after the latency.</summary>
    public void Send(Order order, DateTime now)
    {
        order.ArrivesAt = now + latency;
        Dispatch(new Command(CommandKind.Submit, order, default, order.ArrivesAt, null));
    }

    /// <summary>Sends a modification; it takes effect when it arrives.</summary>
    public void SendModify(Order order, OrderChange change, DateTime now) =>
        Dispatch(new Command(CommandKind.Modify, order, change, now + latency, null));

    /// <summary>Sends a cancel; it takes effect when it arrives (at once when <paramref name="immediate"/>).</summary>
    public void SendCancel(Order order, string reason, DateTime now, bool immediate = false)
    {
        if (immediate)
        {
            Cancel(order, reason);
            return;
        }

        Dispatch(new Command(CommandKind.Cancel, order, default, now + latency, reason));
    }

    /// <summary>Processes the commands arrived by <paramref name="now"/> and expires orders due by then (clock ticks of live runs).</summary>
    public void Advance(DateTime now)
    {
        Arrive(now);
        Expire(now);
        Compact();
    }

    /// <summary>Matches the bar's instrument's orders along the bar's intra-bar path (bar fill models only).</summary>
    public void Match(Bar bar)
    {
        if (_working.Count > 0 || _inFlight.Count > 0)
        {
            MatchBar(bar); // out of line: the check alone is inlined into the run's per-bar method
        }
    }

    private void MatchBar(Bar bar)
    {
        Arrive(bar.OpenTime);
        Expire(bar.OpenTime);
        if (fillModel.Kind == FillModelKind.Bar && _working.Count > 0)
        {
            Span<decimal> path = stackalloc decimal[4];
            IntraBarPath.Write(bar, path);
            Span<MarketPoint> points = stackalloc MarketPoint[4];
            for (var i = 0; i < points.Length; i++)
            {
                points[i] = new MarketPoint(MarketPointKind.BarPath, bar.OpenTime, path[i], bar.Volume.Value, 0m, 0m, 0m, 0m, i > 0, false);
            }

            MatchAll(bar.Instrument, bar.OpenTime, points);
        }

        Arrive(bar.CloseTime);
        Compact();
    }

    /// <summary>Matches the tick's instrument's orders against a trade (tick fill models only; the order-book model sees it for queue positions).</summary>
    public void Match(TradeTick trade)
    {
        _bookModel?.OnTrade(trade);
        if (_working.Count == 0 && _inFlight.Count == 0)
        {
            return;
        }

        var point = new MarketPoint(MarketPointKind.Trade, trade.Timestamp, trade.Price.Value, trade.Size.Value, 0m, 0m, 0m, 0m, false, _quotes.ContainsKey(trade.Instrument));
        MatchTick(trade.Instrument, point);
    }

    /// <summary>Records the quote (post-only checks) and matches the instrument's orders against it (tick fill models only).</summary>
    public void Match(QuoteTick quote)
    {
        _quotes[quote.Instrument] = quote;
        if (_working.Count == 0 && _inFlight.Count == 0)
        {
            return;
        }

        var point = new MarketPoint(MarketPointKind.Quote, quote.Timestamp, 0m, 0m, quote.Bid.Value, quote.Ask.Value, quote.BidSize.Value, quote.AskSize.Value, false, true);
        MatchTick(quote.Instrument, point);
    }

    /// <summary>
    /// Applies a book message to the order-book fill model, records the book's top as the instrument's quote (post-only
    /// checks) and matches the instrument's orders on it. Ignored unless the run uses the order-book model; no matching
    /// while one side of the book is empty.
    /// </summary>
    public void Match(OrderBookMessage message)
    {
        if (_bookModel is null)
        {
            return;
        }

        _bookModel.Apply(message);
        var book = _bookModel.Book;
        if (message.Instrument != _bookModel.Instrument || book.BestBid is not { } bid || book.BestAsk is not { } ask)
        {
            return;
        }

        var bidSize = book.Bids[0].Size;
        var askSize = book.Asks[0].Size;
        _quotes[message.Instrument] = new QuoteTick(message.Instrument, bid, ask, bidSize, askSize, message.Timestamp);
        if (_working.Count == 0 && _inFlight.Count == 0)
        {
            return;
        }

        var point = new MarketPoint(MarketPointKind.Book, message.Timestamp, 0m, 0m, bid, ask, bidSize, askSize, false, true);
        MatchTick(message.Instrument, point);
    }

    /// <summary>The mid price of the order-book model's book of <paramref name="instrument"/>, or null (no such book, or a side is empty).</summary>
    public decimal? BookMid(InstrumentId instrument) => _bookModel?.Instrument == instrument ? _bookModel.Book.Mid : null;

    /// <summary>Cancels an order at once, wherever it is (held, in flight or working); false when it already finished.</summary>
    public bool Cancel(Order order, string reason)
    {
        if (!order.TryApply(OrderAction.Cancel, out var refusal))
        {
            listener.OnCancelRejected(order, $"cannot cancel: {refusal}");
            return false;
        }

        listener.OnCanceled(order, reason);
        Compact();
        return true;
    }

    /// <summary>
    /// Puts a restored working order back in the book (a resumed run): it has been at the venue already, so it meets the
    /// next market data whatever its time; a DAY order expires at the close of the session it was created in, a GTD one
    /// at its expire time.
    /// </summary>
    public void Restore(Order order, DateTime createdAt)
    {
        order.ArrivesAt = DateTime.MinValue;
        order.HasMetMarket = true;
        order.ExpiresAt = order.Request.TimeInForce switch
        {
            TimeInForce.Day => TradingCalendars.For(instruments.Get(order.Instrument)).SessionClose(createdAt),
            TimeInForce.Gtd => order.Request.ExpireTime,
            _ => null,
        };
        _working.Add(order);
    }

    /// <summary>Applies new terms at once (held orders; venue arrivals); rejects the change with a reason when illegal.</summary>
    public bool Modify(Order order, OrderChange change, string reason) => change.ApplyTo(order, listener, reason);

    /// <summary>The paper venue holds nothing the run does not know: a local cancel is a cancel.</summary>
    public bool CancelLocally(Order order, string reason) => Cancel(order, reason);

    /// <summary>Sends a restored order that had not reached the venue again; it arrives after the latency.</summary>
    public void RestoreSubmitted(Order order, DateTime now) => Send(order, now);

    private void MatchTick(InstrumentId instrument, in MarketPoint point)
    {
        Arrive(point.Time);
        Expire(point.Time);
        var kind = point.Kind == MarketPointKind.Book ? FillModelKind.OrderBook : FillModelKind.Tick;
        if (fillModel.Kind == kind && _working.Count > 0)
        {
            MatchAll(instrument, point.Time, new ReadOnlySpan<MarketPoint>(in point));
        }

        Compact();
    }

    private void Dispatch(Command command)
    {
        if (latency == TimeSpan.Zero)
        {
            Execute(command);
            Compact();
            return;
        }

        _inFlight.Enqueue(command);
    }

    private void Arrive(DateTime now)
    {
        while (_inFlight.TryPeek(out var command) && command.ArrivesAt <= now)
        {
            _inFlight.Dequeue();
            Execute(command);
        }
    }

    private void Execute(Command command)
    {
        var order = command.Order;
        switch (command.Kind)
        {
            case CommandKind.Submit:
                Accept(order);
                break;
            case CommandKind.Modify:
                Modify(order, command.Change, "modified by strategy");
                break;
            default:
                Cancel(order, command.Reason!);
                break;
        }
    }

    private void Accept(Order order)
    {
        if (order.Status != OrderStatus.Submitted)
        {
            return;
        }

        var refusal = VenueProblem(order);
        if (refusal is not null)
        {
            order.Apply(OrderAction.Reject);
            order.RejectionReason = refusal;
            listener.OnRejected(order, refusal);
            return;
        }

        order.Apply(OrderAction.Accept);
        order.ExpiresAt = order.Request.TimeInForce switch
        {
            TimeInForce.Day => TradingCalendars.For(instruments.Get(order.Instrument)).SessionClose(order.ArrivesAt),
            TimeInForce.Gtd => order.Request.ExpireTime,
            _ => null,
        };
        _working.Add(order);
        listener.OnAccepted(order);
    }

    private string? VenueProblem(Order order)
    {
        var request = order.Request;
        if (request.TimeInForce == TimeInForce.Gtd && request.ExpireTime <= order.ArrivesAt)
        {
            return "GTD expire time has already passed";
        }

        if (request.ReduceOnly && Reducible(order) <= 0m)
        {
            return $"reduce-only: a {request.Side.ToString().ToLowerInvariant()} order would not reduce the {Invariant.Num(account.NetQuantity(order.Instrument))} position";
        }

        if (request.PostOnly && WouldTake(order))
        {
            return $"post-only: limit {Invariant.Num(order.LimitPrice ?? 0m)} would take liquidity";
        }

        return null;
    }

    private bool WouldTake(Order order)
    {
        decimal reference;
        if (_quotes.TryGetValue(order.Instrument, out var quote))
        {
            reference = order.Side == Side.Buy ? quote.Ask.Value : quote.Bid.Value;
        }
        else if (!account.TryGetLastPrice(order.Instrument, out reference))
        {
            return false;
        }

        var limit = order.LimitPrice ?? 0m;
        return reference > 0m && (order.Side == Side.Buy ? limit >= reference : limit <= reference);
    }

    private decimal Reducible(Order order)
    {
        var net = account.NetQuantity(order.Instrument);
        return order.Side == Side.Buy ? Math.Max(-net, 0m) : Math.Max(net, 0m);
    }

    private void Expire(DateTime now)
    {
        for (var i = 0; i < _working.Count; i++)
        {
            var order = _working[i];
            if (order.IsWorking && order.ExpiresAt is { } at && now >= at)
            {
                order.Apply(OrderAction.Expire);
                listener.OnExpired(order);
            }
        }
    }

    private void MatchAll(InstrumentId instrument, DateTime time, ReadOnlySpan<MarketPoint> points)
    {
        _usedBuy = 0m;
        _usedSell = 0m;
        _matching = true;
        var count = _working.Count;
        for (var i = 0; i < count; i++)
        {
            var order = _working[i];
            if (order.IsWorking && order.Instrument == instrument && order.ArrivesAt <= time)
            {
                MatchOrder(order, points);
            }
        }

        _matching = false;
    }

    private void MatchOrder(Order order, ReadOnlySpan<MarketPoint> points)
    {
        var filledOnce = false;
        for (var i = 0; i < points.Length && !filledOnce && order.IsWorking; i++)
        {
            ref readonly var point = ref points[i];
            if (!order.IsTriggered)
            {
                var price = point.PriceFor(order.Side);
                var trigger = OrderTriggers.Current(order, price);
                if (!OrderTriggers.Reached(order.Type, order.Side, price, trigger))
                {
                    OrderTriggers.Trail(order, price);
                    continue;
                }

                order.IsTriggered = true;
                order.HasMetMarket = false;
                if (order.Type.HasLimitPrice())
                {
                    order.Apply(OrderAction.Trigger);
                    listener.OnTriggered(order);
                }

                if (point.Continuous && price != trigger)
                {
                    filledOnce = TryFill(order, point.At(trigger));
                    if (filledOnce || !order.IsWorking)
                    {
                        break;
                    }
                }
            }

            filledOnce = TryFill(order, point);
        }

        if (!order.IsTriggered || !order.IsWorking)
        {
            return;
        }

        var tif = order.Request.TimeInForce;
        if (tif is TimeInForce.Ioc or TimeInForce.Fok)
        {
            order.Apply(OrderAction.Cancel);
            listener.OnCanceled(order, $"{tif.ToString().ToUpperInvariant()}: not filled on the first market data at the venue");
        }
    }

    private bool TryFill(Order order, in MarketPoint point)
    {
        var side = order.Side;
        var used = side == Side.Buy ? _usedBuy : _usedSell;
        var available = fillModel.Liquidity(point, side);
        available = fillModel.SharesLiquidity ? available - used : available;
        var matching = new MatchingOrder(side, order.Type.HasLimitPrice() ? order.LimitPrice : null, order.LeavesQuantity, available, !order.HasMetMarket, order.Id);
        order.HasMetMarket = true;
        if (!fillModel.TryFill(matching, point, out var fill))
        {
            return false;
        }

        var instrument = instruments.Get(order.Instrument);
        var quantity = Math.Min(instrument.RoundDownToLot(fill.Quantity), order.LeavesQuantity);
        if (order.Request.ReduceOnly)
        {
            quantity = Math.Min(quantity, Reducible(order));
        }

        if (order.Request.TimeInForce == TimeInForce.Fok && quantity < order.LeavesQuantity)
        {
            order.Apply(OrderAction.Cancel);
            listener.OnCanceled(order, $"FOK: only {Invariant.Num(Math.Max(quantity, 0m))} of {Invariant.Num(order.LeavesQuantity)} could fill at once");
            return true;
        }

        if (quantity <= 0m)
        {
            return false;
        }

        var price = !fill.IsMaker && matching.LimitPrice is null ? slippage.Apply(instrument, side, fill.Price) : fill.Price;
        if (fillModel.SharesLiquidity)
        {
            if (side == Side.Buy)
            {
                _usedBuy += quantity;
            }
            else
            {
                _usedSell += quantity;
            }
        }

        order.ApplyFill(quantity);
        listener.OnFilled(order, new FillDecision(price, quantity, fill.IsMaker || order.Request.PostOnly));
        if (order.Request.ReduceOnly && order.IsWorking && Reducible(order) <= 0m)
        {
            order.Apply(OrderAction.Cancel);
            listener.OnCanceled(order, "reduce-only: the position is closed");
        }

        return true;
    }

    private void Compact()
    {
        if (_matching)
        {
            return;
        }

        var kept = 0;
        for (var i = 0; i < _working.Count; i++)
        {
            var order = _working[i];
            if (order.IsWorking)
            {
                _working[kept++] = order;
            }
        }

        if (kept < _working.Count)
        {
            _working.RemoveRange(kept, _working.Count - kept);
        }
    }

    private readonly record struct Command(CommandKind Kind, Order Order, OrderChange Change, DateTime ArrivesAt, string? Reason);
}
