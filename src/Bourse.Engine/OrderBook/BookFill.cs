using Bourse.Sdk.Orders;

namespace Bourse.Engine.OrderBook;

/// <summary>One match between an incoming order and a resting order of an <see cref="L3OrderBook"/>.</summary>
/// <param name="MakerOrderId">The resting order that was hit.</param>
/// <param name="Price">Execution price (the resting order's price), quote currency.</param>
/// <param name="Size">Matched size, base units (positive).</param>
/// <param name="MakerRemaining">The resting order's size left after this match (0 = it left the book).</param>
public readonly record struct BookFill(long MakerOrderId, decimal Price, decimal Size, decimal MakerRemaining);

/// <summary>An order resting in an <see cref="L3OrderBook"/>.</summary>
/// <param name="OrderId">Its id.</param>
/// <param name="Side">Buy (bid) or sell (ask).</param>
/// <param name="Price">Limit price, quote currency.</param>
/// <param name="Size">Remaining size, base units.</param>
public readonly record struct RestingOrder(long OrderId, Side Side, decimal Price, decimal Size);
