namespace Bourse.Sdk.Orders;

/// <summary>The direction of an order or fill.</summary>
public enum Side
{
    /// <summary>Buy: increases a position (or covers a short).</summary>
    Buy,

    /// <summary>Sell: decreases a position (or opens a short).</summary>
    Sell,
}

/// <summary>How an order is priced.</summary>
public enum OrderType
{
    /// <summary>Fills at the best available price.</summary>
    Market,

    /// <summary>Fills only at the limit price or better.</summary>
    Limit,
}

/// <summary>How long an order stays working.</summary>
public enum TimeInForce
{
    /// <summary>Good till canceled.</summary>
    Gtc,

    /// <summary>Expires at the end of the UTC day it was placed on (exchange session calendars are not modelled yet).</summary>
    Day,

    /// <summary>Immediate or cancel: whatever cannot fill at once is canceled.</summary>
    Ioc,
}

/// <summary>The lifecycle state of an order. Legal transitions are defined by the engine's order state machine.</summary>
public enum OrderStatus
{
    /// <summary>Created by the strategy, not yet checked.</summary>
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
}

/// <summary>Extensions on <see cref="Side"/> and <see cref="OrderStatus"/>.</summary>
public static class OrderEnumExtensions
{
    /// <summary>The other side.</summary>
    public static Side Opposite(this Side side) => side == Side.Buy ? Side.Sell : Side.Buy;

    /// <summary>+1 for buy, -1 for sell.</summary>
    public static int Sign(this Side side) => side == Side.Buy ? 1 : -1;

    /// <summary>True for Filled, Canceled, Rejected and Expired.</summary>
    public static bool IsTerminal(this OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Rejected or OrderStatus.Expired;
}
