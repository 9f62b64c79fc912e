using Bourse.Engine.Accounting;
using Bourse.Engine.Orders;
using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Engine.Statistics;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Execution;

/// <summary>
/// Carries orders through their lifecycle: id, risk check, venue, fills into the account, order events out.
/// Order events meant for the strategy (fills, rejections) are queued in <see cref="Inbox"/> and delivered by the
/// run after the current callback returns, so strategy code is never re-entered.
/// </summary>
internal sealed class ExecutionEngine(
    RunEventStream events,
    TimeProvider clock,
    InstrumentCatalog instruments,
    PaperAccount account,
    RiskEngine risk,
    SimulatedExchange exchange,
    IFeeModel fees,
    RunCounters counters) : IExchangeListener
{
    /// <summary>The source of risk denials in <see cref="OrderRejected.Source"/>.</summary>
    public const string RiskSource = "risk";

    private readonly IdSequence _orderIds = new("O");
    private readonly IdSequence _tradeIds = new("T");

    public Queue<OrderEvent> Inbox { get; } = new();

    public IReadOnlyList<Order> Working => exchange.Working;

    /// <summary>
    /// Creates an order, checks it (or denies it with <paramref name="denial"/>) and sends it to the venue.
    /// <paramref name="riskExempt"/> skips the pre-trade checks (the kill switch's and liquidation's closing orders).
    /// </summary>
    public Order Submit(OrderRequest request, string? denial = null, bool riskExempt = false)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var order = new Order(new ClientOrderId(_orderIds.Next()), request, now);
        counters.TotalOrders++;
        var reason = denial ?? (riskExempt ? null : risk.Check(request, now, Working));
        if (reason is not null)
        {
            order.Apply(OrderStatus.Rejected);
            order.RejectionReason = reason;
            counters.RejectedOrders++;
            var rejected = new OrderRejected(order.Id, request.Instrument, now, request, reason, RiskSource);
            events.Order(rejected);
            Inbox.Enqueue(rejected);
            return order;
        }

        order.Apply(OrderStatus.Submitted);
        events.Order(new OrderSubmitted(order.Id, request.Instrument, now, request));
        exchange.Accept(order);
        events.Order(new OrderAccepted(order.Id, request.Instrument, now));
        return order;
    }

    /// <summary>An order id that is never used for an order (commands after the run finished).</summary>
    public ClientOrderId UnusedId() => new(_orderIds.Next());

    public bool Cancel(ClientOrderId id, string reason) => exchange.Cancel(id, reason, this);

    public void CancelAll(string reason) => exchange.CancelAll(reason, this);

    public void Match(Bar bar) => exchange.Match(bar, this);

    public void ExpireDayOrders(DateTime now) => exchange.ExpireDayOrders(now, this);

    void IExchangeListener.OnFilled(Order order, FillDecision fill)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var instrument = instruments.Get(order.Instrument);
        var commission = fees.Commission(instrument, fill.Price, fill.Quantity, fill.IsMaker);
        var side = order.Request.Side;
        var outcome = account.ApplyFill(order.Instrument, side, fill.Quantity, fill.Price, commission);
        var id = order.Instrument;
        counters.RecordFill(account.ToAccount(id, fill.Price * fill.Quantity), outcome.Reduced ? account.ToAccount(id, outcome.RealizedPnl - commission) : null);

        if (order.Status == OrderStatus.Filled)
        {
            counters.FilledOrders++;
        }

        var filled = new OrderFilled(
            order.Id,
            order.Instrument,
            now,
            new TradeId(_tradeIds.Next()),
            side,
            fill.Price,
            fill.Quantity,
            new(commission, instrument.QuoteCurrency),
            order.LeavesQuantity,
            fill.IsMaker);
        events.Order(filled);
        events.Publish(new PositionChanged(events.RunId, events.Next(), now, account.Position(order.Instrument)));
        events.Account(now, account);
        Inbox.Enqueue(filled);
    }

    void IExchangeListener.OnCanceled(Order order, string reason) =>
        events.Order(new OrderCanceled(order.Id, order.Instrument, clock.GetUtcNow().UtcDateTime, reason));

    void IExchangeListener.OnExpired(Order order) =>
        events.Order(new OrderExpired(order.Id, order.Instrument, clock.GetUtcNow().UtcDateTime));
}
