namespace Bourse.Sdk.Orders;

/// <summary>The direction of an order or fill.</summary>
public enum Side
{
    /// <summary>Buy: increases a position (or covers a short).</summary>
    Buy,

    /// <summary>Sell: decreases a position (or opens a short).</summary>
    Sell,
}

/// <summary>How an order is priced and when it becomes active.</summary>
public enum OrderType
{
    /// <summary>Fills at the best available price.</summary>
    Market,

    /// <summary>Fills only at the limit price or better.</summary>
    Limit,

    /// <summary>Stop-market: becomes a market order once the price reaches the trigger price (buy: at or above, sell: at or below).</summary>
    Stop,

    /// <summary>Stop-limit: becomes a limit order at the limit price once the price reaches the trigger price (as <see cref="Stop"/>).</summary>
    StopLimit,

    /// <summary>
    /// Trailing stop-market: a sell stop whose trigger follows the highest price by the trailing offset (a buy stop:
    /// the lowest price plus the offset), never moving back; becomes a market order once triggered.
    /// </summary>
    TrailingStop,

    /// <summary>Market-if-touched: becomes a market order once the price reaches the trigger price (buy: at or below, sell: at or above).</summary>
    MarketIfTouched,

    /// <summary>Limit-if-touched: becomes a limit order once the price reaches the trigger price (as <see cref="MarketIfTouched"/>).</summary>
    LimitIfTouched,
}

/// <summary>How long an order stays working.</summary>
public enum TimeInForce
{
    /// <summary>Good till canceled.</summary>
    Gtc,

    /// <summary>
    /// Expires at the close of the instrument's trading session (US equities: 16:00 America/New_York; crypto: 00:00 UTC).
    /// An order placed outside a session works for the next session.
    /// </summary>
    Day,

    /// <summary>Immediate or cancel: fills what it can on the first market data it meets at the venue; the rest is canceled.</summary>
    Ioc,

    /// <summary>Fill or kill: fills completely on the first market data it meets at the venue, or is canceled without any fill.</summary>
    Fok,

    /// <summary>Good till date: expires at <see cref="OrderRequest.ExpireTime"/> (UTC).</summary>
    Gtd,
}

/// <summary>How a trailing stop's offset is expressed.</summary>
public enum TrailingOffsetType
{
    /// <summary>An amount of quote currency (e.g. 0.50 USD).</summary>
    Price,

    /// <summary>A percentage of the reference price (e.g. 1.5 = 1.5 %).</summary>
    Percent,
}

/// <summary>The lifecycle state of an order. Legal transitions are defined by the engine's order state machine.</summary>
public enum OrderStatus
{
    /// <summary>Created by the strategy, not yet checked; contingent orders of an order list wait here until their parent fills.</summary>
    Initialized,

    /// <summary>Passed risk and sent to the venue.</summary>
    Submitted,

    /// <summary>Working at the venue.</summary>
    Accepted,

    /// <summary>Partly filled, still working.</summary>
    PartiallyFilled,

    /// <summary>Completely filled (terminal).</summary>
    Filled,

    /// <summary>Canceled (terminal).</summary>
    Canceled,

    /// <summary>Refused by risk or by the venue (terminal).</summary>
    Rejected,

    /// <summary>Expired by its time in force (terminal).</summary>
    Expired,

    /// <summary>A stop-limit or limit-if-touched order whose trigger price was reached: it now works as a limit order.</summary>
    Triggered,
}

/// <summary>How the orders of an <see cref="OrderList"/> depend on each other.</summary>
public enum OrderListType
{
    /// <summary>Entry, take-profit and stop-loss: the two exits are held until the entry fills, then form an OCO pair.</summary>
    Bracket,

    /// <summary>One-cancels-other: all orders work at once; a complete fill of one cancels the others.</summary>
    Oco,

    /// <summary>One-triggers-other: the first order works; the others are held until it fills.</summary>
    Oto,
}

/// <summary>Extensions on <see cref="Side"/>, <see cref="OrderType"/> and <see cref="OrderStatus"/>.</summary>
public static class OrderEnumExtensions
{
    /// <summary>The other side.</summary>
    public static Side Opposite(this Side side) => side == Side.Buy ? Side.Sell : Side.Buy;

    /// <summary>+1 for buy, -1 for sell.</summary>
    public static int Sign(this Side side) => side == Side.Buy ? 1 : -1;

    /// <summary>True for Filled, Canceled, Rejected and Expired.</summary>
    public static bool IsTerminal(this OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Rejected or OrderStatus.Expired;

    /// <summary>True for the types that carry a limit price: Limit, StopLimit and LimitIfTouched.</summary>
    public static bool HasLimitPrice(this OrderType type) =>
        type is OrderType.Limit or OrderType.StopLimit or OrderType.LimitIfTouched;

    /// <summary>True for the types that wait for a trigger price: Stop, StopLimit, TrailingStop, MarketIfTouched and LimitIfTouched.</summary>
    public static bool HasTrigger(this OrderType type) =>
        type is OrderType.Stop or OrderType.StopLimit or OrderType.TrailingStop or OrderType.MarketIfTouched or OrderType.LimitIfTouched;
}
