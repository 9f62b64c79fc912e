using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Orders;

/// <summary>
/// One order of a run: the request, its current terms (quantity, limit and trigger price, which modifications and
/// trailing change), its status (changed only through <see cref="OrderStateMachine"/>) and its fill progress.
/// Quantities in base units, prices in quote currency, times UTC run time. A finished order leaves the run's orders for
/// <see cref="FinishedOrders"/>, which rebuilds it without its request (<see cref="Finished"/>) when a later command names it.
/// </summary>
internal sealed class Order
{
    private List<Order>? _children;
    private OrderRequest? _request;
    private decimal _quantity;
    private decimal _filledQuantity;

    public Order(ClientOrderId id, OrderRequest request, DateTime createdAt)
        : this(id, request.Instrument, request.Side, request.Type, createdAt)
    {
        _request = request;
        Quantity = request.Quantity.Value;
        LimitPrice = request.LimitPrice?.Value;
        TriggerPrice = request.TriggerPrice?.Value;
        IsTriggered = !request.Type.HasTrigger();
    }

    private Order(ClientOrderId id, InstrumentId instrument, Side side, OrderType type, DateTime createdAt)
    {
        Id = id;
        Instrument = instrument;
        Side = side;
        Type = type;
        CreatedAt = createdAt;
        ArrivesAt = createdAt;
    }

    public ClientOrderId Id { get; }

    /// <summary>The request as the strategy sent it (the current terms are <see cref="Quantity"/>, <see cref="LimitPrice"/>, <see cref="TriggerPrice"/>).</summary>
    /// <exception cref="InvalidOperationException">The order was rebuilt from <see cref="FinishedOrders"/> (an engine bug: only open orders read their request).</exception>
    public OrderRequest Request => _request ?? throw new InvalidOperationException($"Order {Id} is finished: its request is no longer held.");

    public InstrumentId Instrument { get; }

    public Side Side { get; }

    public OrderType Type { get; }

    /// <summary>When the order was created (submitted by the strategy), UTC.</summary>
    public DateTime CreatedAt { get; }

    /// <summary>When the order reaches the venue (creation + latency; release time for a held child). It meets market data stamped at or after this time only.</summary>
    public DateTime ArrivesAt { get; set; }

    /// <summary>When the order expires (DAY: the session close; GTD: its expire time), set on acceptance; null for GTC, IOC and FOK.</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>The total quantity, base units (the request's, unless modified).</summary>
    public decimal Quantity
    {
        get => _quantity;
        set
        {
            _quantity = value;
            LeavesQuantity = value - _filledQuantity;
        }
    }

    /// <summary>The current limit price, or null.</summary>
    public decimal? LimitPrice { get; set; }

    /// <summary>The current trigger price (a trailing stop's moves with the market), or null before a trailing stop has seen a price.</summary>
    public decimal? TriggerPrice { get; set; }

    /// <summary>True once the trigger price was reached (always true for orders without a trigger).</summary>
    public bool IsTriggered { get; set; }

    /// <summary>True once the order met market data at the venue (since it arrived or was triggered).</summary>
    public bool HasMetMarket { get; set; }

    public OrderStatus Status { get; private set; } = OrderStatus.Initialized;

    /// <summary>Why the order was rejected, when it was.</summary>
    public string? RejectionReason { get; set; }

    public decimal FilledQuantity
    {
        get => _filledQuantity;
        private set
        {
            _filledQuantity = value;
            LeavesQuantity = _quantity - value;
        }
    }

    /// <summary><see cref="Quantity"/> − <see cref="FilledQuantity"/>, base units: kept when either changes, as it is read several times per fill.</summary>
    public decimal LeavesQuantity { get; private set; }

    /// <summary>Commission charged for this order so far, account currency (per-order fee minimums and maximums use it).</summary>
    public decimal Commission { get; set; }

    /// <summary>The order whose fill releases this one (order lists), or null.</summary>
    public Order? Parent { get; set; }

    /// <summary>The orders this one releases when it fills (order lists); empty for most orders (allocated with the first child).</summary>
    public IReadOnlyList<Order> Children => _children is { } children ? children : Array.Empty<Order>();

    /// <summary>The one-cancels-other group this order belongs to (itself included), or null.</summary>
    public List<Order>? OcoGroup { get; set; }

    /// <summary>The quantity an order-list child was given by the strategy; its working quantity follows the parent's fills.</summary>
    public decimal ListedQuantity => Request.Quantity.Value;

    /// <summary>True while the order can fill (Accepted, Triggered or PartiallyFilled).</summary>
    public bool IsWorking => Status is OrderStatus.Accepted or OrderStatus.Triggered or OrderStatus.PartiallyFilled;

    /// <summary>True until the order reaches a terminal status.</summary>
    public bool IsOpen => !Status.IsTerminal();

    /// <summary>A finished order as <see cref="FinishedOrders"/> kept it: its final status, trigger state and filled quantity (also its quantity), without its request.</summary>
    public static Order Finished(ClientOrderId id, InstrumentId instrument, Side side, OrderType type, OrderStatus status, bool isTriggered, decimal filledQuantity, string? rejectionReason) =>
        new(id, instrument, side, type, DateTime.MinValue)
        {
            Status = status,
            IsTriggered = isTriggered,
            Quantity = filledQuantity,
            FilledQuantity = filledQuantity,
            RejectionReason = rejectionReason,
        };

    /// <summary>Links an order this one releases when it fills (order lists).</summary>
    public void AddChild(Order child) => (_children ??= []).Add(child);

    /// <exception cref="InvalidOperationException">The action is illegal in the current status (an engine bug).</exception>
    public void Apply(OrderAction action) => Status = OrderStateMachine.Apply(Status, action);

    /// <summary>Applies <paramref name="action"/> when legal; otherwise leaves the order unchanged and returns the reason.</summary>
    public bool TryApply(OrderAction action, out string? reason)
    {
        if (!OrderStateMachine.TryApply(Status, action, out var next, out reason))
        {
            return false;
        }

        Status = next;
        return true;
    }

    /// <summary>Records a fill and moves to PartiallyFilled or Filled.</summary>
    /// <exception cref="InvalidOperationException">The quantity is not positive or exceeds what is left, or the order is not working.</exception>
    public void ApplyFill(decimal quantity)
    {
        if (quantity <= 0m || quantity > LeavesQuantity)
        {
            throw new InvalidOperationException($"Order {Id}: fill quantity {quantity} must be in (0, {LeavesQuantity}].");
        }

        Apply(quantity == LeavesQuantity ? OrderAction.Fill : OrderAction.PartialFill);
        FilledQuantity += quantity;
    }
}
