using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Orders;

/// <summary>
/// One order of a run: the request, its status (changed only through <see cref="OrderStateMachine"/>) and its
/// fill progress. Quantities in base units; <see cref="CreatedAt"/> is UTC run time.
/// </summary>
internal sealed class Order(ClientOrderId id, OrderRequest request, DateTime createdAt)
{
    public ClientOrderId Id { get; } = id;

    public OrderRequest Request { get; } = request;

    public InstrumentId Instrument => Request.Instrument;

    /// <summary>When the order was created (submitted by the strategy), UTC. It may match bars opening at or after this time.</summary>
    public DateTime CreatedAt { get; } = createdAt;

    public OrderStatus Status { get; private set; } = OrderStatus.Initialized;

    /// <summary>Why the order was rejected, when it was.</summary>
    public string? RejectionReason { get; set; }

    public decimal FilledQuantity { get; private set; }

    public decimal LeavesQuantity => Request.Quantity.Value - FilledQuantity;

    /// <summary>True while the order can still fill (Accepted or PartiallyFilled).</summary>
    public bool IsWorking => Status is OrderStatus.Accepted or OrderStatus.PartiallyFilled;

    /// <exception cref="InvalidOperationException">The transition is illegal.</exception>
    public void Apply(OrderStatus next) => Status = OrderStateMachine.Transition(Status, next);

    /// <summary>Records a fill and moves to PartiallyFilled or Filled.</summary>
    /// <exception cref="InvalidOperationException">The quantity is not positive or exceeds what is left, or the order is not working.</exception>
    public void ApplyFill(decimal quantity)
    {
        if (quantity <= 0m || quantity > LeavesQuantity)
        {
            throw new InvalidOperationException($"Order {Id}: fill quantity {quantity} must be in (0, {LeavesQuantity}].");
        }

        Apply(quantity == LeavesQuantity ? OrderStatus.Filled : OrderStatus.PartiallyFilled);
        FilledQuantity += quantity;
    }
}
