using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Values;

namespace Bourse.Sdk.Orders;

/// <summary>
/// What a strategy asks for when it submits an order (the SubmitOrder command's payload). Prices are in the
/// instrument's quote currency, quantities in base units, times in UTC. <see cref="Problem"/> names what is wrong
/// with a malformed request; the engine rejects such a request with that reason.
/// </summary>
/// <param name="Instrument">The instrument to trade.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">The order type.</param>
/// <param name="Quantity">Quantity in base units; must be positive.</param>
/// <param name="LimitPrice">Limit price; required for Limit, StopLimit and LimitIfTouched, forbidden otherwise.</param>
/// <param name="TimeInForce">How long the order works (default GTC).</param>
/// <param name="Tag">Optional free text recorded with the order.</param>
/// <param name="TriggerPrice">
/// Trigger (stop) price; required for Stop, StopLimit, MarketIfTouched and LimitIfTouched; optional for TrailingStop
/// (its initial trigger; when null the venue sets it from the first price it sees); forbidden otherwise.
/// </param>
/// <param name="TrailingOffset">Distance of a TrailingStop's trigger from the best price reached; required (positive) for TrailingStop, forbidden otherwise.</param>
/// <param name="TrailingOffsetType">Whether <paramref name="TrailingOffset"/> is a price amount or a percentage (below 100).</param>
/// <param name="ExpireTime">When a GTD order expires, UTC (<see cref="DateTimeKind.Utc"/>); required for GTD, forbidden otherwise.</param>
/// <param name="PostOnly">The order must only add liquidity: the venue rejects it if it would take liquidity. Limit orders only, not with IOC or FOK.</param>
/// <param name="ReduceOnly">The order may only reduce the position: the venue rejects it when it would open or increase one, and clips fills to the position.</param>
public sealed record OrderRequest(
    InstrumentId Instrument,
    Side Side,
    OrderType Type,
    Quantity Quantity,
    Price? LimitPrice = null,
    TimeInForce TimeInForce = TimeInForce.Gtc,
    string? Tag = null,
    Price? TriggerPrice = null,
    decimal? TrailingOffset = null,
    TrailingOffsetType TrailingOffsetType = TrailingOffsetType.Price,
    DateTime? ExpireTime = null,
    bool PostOnly = false,
    bool ReduceOnly = false)
{
    /// <summary>A market order.</summary>
    public static OrderRequest Market(InstrumentId instrument, Side side, Quantity quantity, TimeInForce timeInForce = TimeInForce.Gtc) =>
        new(instrument, side, OrderType.Market, quantity, null, timeInForce);

    /// <summary>A limit order.</summary>
    public static OrderRequest Limit(InstrumentId instrument, Side side, Quantity quantity, Price limitPrice, TimeInForce timeInForce = TimeInForce.Gtc) =>
        new(instrument, side, OrderType.Limit, quantity, limitPrice, timeInForce);

    /// <summary>A stop-market order triggered at <paramref name="triggerPrice"/>.</summary>
    public static OrderRequest Stop(InstrumentId instrument, Side side, Quantity quantity, Price triggerPrice, TimeInForce timeInForce = TimeInForce.Gtc) =>
        new(instrument, side, OrderType.Stop, quantity, null, timeInForce, TriggerPrice: triggerPrice);

    /// <summary>A stop-limit order: a limit order at <paramref name="limitPrice"/> once <paramref name="triggerPrice"/> is reached.</summary>
    public static OrderRequest StopLimit(InstrumentId instrument, Side side, Quantity quantity, Price triggerPrice, Price limitPrice, TimeInForce timeInForce = TimeInForce.Gtc) =>
        new(instrument, side, OrderType.StopLimit, quantity, limitPrice, timeInForce, TriggerPrice: triggerPrice);

    /// <summary>A trailing stop-market order with an offset of <paramref name="offset"/> (a price amount or a percentage).</summary>
    public static OrderRequest TrailingStop(InstrumentId instrument, Side side, Quantity quantity, decimal offset, TrailingOffsetType offsetType = TrailingOffsetType.Price, TimeInForce timeInForce = TimeInForce.Gtc) =>
        new(instrument, side, OrderType.TrailingStop, quantity, null, timeInForce, TrailingOffset: offset, TrailingOffsetType: offsetType);

    /// <summary>A market-if-touched order triggered at <paramref name="triggerPrice"/>.</summary>
    public static OrderRequest MarketIfTouched(InstrumentId instrument, Side side, Quantity quantity, Price triggerPrice, TimeInForce timeInForce = TimeInForce.Gtc) =>
        new(instrument, side, OrderType.MarketIfTouched, quantity, null, timeInForce, TriggerPrice: triggerPrice);

    /// <summary>A limit-if-touched order: a limit order at <paramref name="limitPrice"/> once <paramref name="triggerPrice"/> is touched.</summary>
    public static OrderRequest LimitIfTouched(InstrumentId instrument, Side side, Quantity quantity, Price triggerPrice, Price limitPrice, TimeInForce timeInForce = TimeInForce.Gtc) =>
        new(instrument, side, OrderType.LimitIfTouched, quantity, limitPrice, timeInForce, TriggerPrice: triggerPrice);

    /// <summary>Returns the reason the request is malformed, or null when it is well formed.</summary>
    public string? Problem() => Quantity.IsZero ? "quantity must be positive" : PriceProblem() ?? TrailingProblem() ?? TimeProblem() ?? FlagProblem();

    private string? PriceProblem() => (Type.HasLimitPrice(), LimitPrice, Type is OrderType.TrailingStop || !Type.HasTrigger(), TriggerPrice) switch
    {
        (true, null, _, _) => $"a {Name} order needs a limit price",
        (true, { Value: <= 0m }, _, _) => "the limit price must be positive",
        (false, not null, _, _) => $"a {Name} order takes no limit price",
        (_, _, false, null) => $"a {Name} order needs a trigger price",
        (_, _, _, { Value: <= 0m }) => "the trigger price must be positive",
        (_, _, true, not null) when Type != OrderType.TrailingStop => $"a {Name} order takes no trigger price",
        _ => null,
    };

    private string? TrailingProblem() => (Type, TrailingOffset) switch
    {
        (OrderType.TrailingStop, null) => "a trailing stop order needs a trailing offset",
        (OrderType.TrailingStop, <= 0m) => "the trailing offset must be positive",
        (OrderType.TrailingStop, >= 100m) when TrailingOffsetType == TrailingOffsetType.Percent => "a percentage trailing offset must be below 100",
        (not OrderType.TrailingStop, not null) => $"a {Name} order takes no trailing offset",
        _ => null,
    };

    private string? TimeProblem() => (TimeInForce, ExpireTime) switch
    {
        (TimeInForce.Gtd, null) => "a GTD order needs an expire time",
        (TimeInForce.Gtd, { Kind: not DateTimeKind.Utc }) => "the expire time must be UTC",
        (not TimeInForce.Gtd, not null) => "only GTD orders take an expire time",
        _ => null,
    };

    private string? FlagProblem() => this switch
    {
        { PostOnly: true, Type: not OrderType.Limit } => "post-only applies to limit orders only",
        { PostOnly: true, TimeInForce: TimeInForce.Ioc or TimeInForce.Fok } => "a post-only order cannot be IOC or FOK (it must rest)",
        _ => null,
    };

    private string Name => Type switch
    {
        OrderType.StopLimit => "stop-limit",
        OrderType.TrailingStop => "trailing stop",
        OrderType.MarketIfTouched => "market-if-touched",
        OrderType.LimitIfTouched => "limit-if-touched",
        _ => Type.ToString().ToLowerInvariant(),
    };
}
