using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Values;

namespace Bourse.Sdk.Orders;

/// <summary>
/// What a strategy asks for when it submits an order (the SubmitOrder command's payload).
/// </summary>
/// <param name="Instrument">The instrument to trade.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">Market or limit.</param>
/// <param name="Quantity">Quantity in base units; must be positive.</param>
/// <param name="LimitPrice">Limit price in quote currency; required for limit orders, must be null for market orders.</param>
/// <param name="TimeInForce">How long the order works (default GTC).</param>
/// <param name="Tag">Optional free text recorded with the order.</param>
public sealed record OrderRequest(
    InstrumentId Instrument,
    Side Side,
    OrderType Type,
    Quantity Quantity,
    Price? LimitPrice = null,
    TimeInForce TimeInForce = TimeInForce.Gtc,
    string? Tag = null)
{
    /// <summary>A market order.</summary>
    public static OrderRequest Market(InstrumentId instrument, Side side, Quantity quantity, TimeInForce timeInForce = TimeInForce.Gtc) =>
        new(instrument, side, OrderType.Market, quantity, null, timeInForce);

    /// <summary>A limit order.</summary>
    public static OrderRequest Limit(InstrumentId instrument, Side side, Quantity quantity, Price limitPrice, TimeInForce timeInForce = TimeInForce.Gtc) =>
        new(instrument, side, OrderType.Limit, quantity, limitPrice, timeInForce);

    /// <summary>Returns the reason the request is malformed, or null when it is well formed.</summary>
    public string? Problem() => this switch
    {
        { Quantity.IsZero: true } => "quantity must be positive",
        { Type: OrderType.Limit, LimitPrice: null } => "a limit order needs a limit price",
        { Type: OrderType.Limit, LimitPrice: { } p } when p.Value <= 0m => "the limit price must be positive",
        { Type: OrderType.Market, LimitPrice: not null } => "a market order takes no limit price",
        _ => null,
    };
}
