using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Portfolio;

namespace Bourse.Server.Trading;

/// <summary>A user's paper brokerage account: the long-lived run that holds its cash, positions and orders.</summary>
/// <param name="Id">The account id, which is its run's id (its orders, fills and positions are that run's rows).</param>
/// <param name="OwnerId">The user.</param>
/// <param name="Currency">The account currency, e.g. USD.</param>
/// <param name="CreatedAt">When the account (its run) was opened, UTC.</param>
public sealed record BrokerAccount(Guid Id, Guid OwnerId, string Currency, DateTime CreatedAt);

/// <summary>How the orders of one request depend on each other.</summary>
public enum OrderClass
{
    /// <summary>One order.</summary>
    Simple,

    /// <summary>An entry with a take-profit and a stop-loss exit, held until the entry fills, then one-cancels-other.</summary>
    Bracket,

    /// <summary>One-cancels-other: a take-profit limit and a stop-loss working together (closing an existing position).</summary>
    Oco,

    /// <summary>One-triggers-other: an entry and one exit (take-profit or stop-loss) held until the entry fills.</summary>
    Oto,
}

/// <summary>
/// An order as a brokerage client sends it. Prices in the instrument's quote currency, quantities in base units.
/// </summary>
/// <param name="Instrument">What to trade.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">Market, Limit, Stop, StopLimit or TrailingStop.</param>
/// <param name="Quantity">Quantity, base units; exactly one of it and <paramref name="Notional"/>.</param>
/// <param name="Notional">An amount of quote currency to trade instead of a quantity (market orders): quantity = notional / last price, rounded down to the lot.</param>
/// <param name="TimeInForce">How long it works.</param>
/// <param name="LimitPrice">Limit price (Limit, StopLimit).</param>
/// <param name="StopPrice">Stop (trigger) price (Stop, StopLimit).</param>
/// <param name="TrailPrice">A TrailingStop's offset as a price amount.</param>
/// <param name="TrailPercent">A TrailingStop's offset as a percentage (1.5 = 1.5 %).</param>
/// <param name="ClientOrderId">The client's id, unique within the account, at most 48 characters; generated (a UUID) when null.</param>
/// <param name="Class">Simple, Bracket, Oco or Oto.</param>
/// <param name="TakeProfitLimit">The take-profit exit's limit price (Bracket, Oco, Oto).</param>
/// <param name="StopLossStop">The stop-loss exit's stop price (Bracket, Oco, Oto).</param>
/// <param name="StopLossLimit">The stop-loss exit's limit price, making it a stop-limit; null for a stop-market.</param>
/// <param name="Label">Free text the client's dialect keeps with the order (e.g. Alpaca's original time in force), echoed back in <see cref="BrokerOrder.Label"/>.</param>
/// <param name="ExpireTime">When a <see cref="TimeInForce.Gtd"/> order expires, UTC (feed clock); required for it, refused otherwise.</param>
public sealed record BrokerOrderRequest(
    InstrumentId Instrument,
    Side Side,
    OrderType Type,
    decimal? Quantity,
    decimal? Notional = null,
    TimeInForce TimeInForce = TimeInForce.Day,
    decimal? LimitPrice = null,
    decimal? StopPrice = null,
    decimal? TrailPrice = null,
    decimal? TrailPercent = null,
    string? ClientOrderId = null,
    OrderClass Class = OrderClass.Simple,
    decimal? TakeProfitLimit = null,
    decimal? StopLossStop = null,
    decimal? StopLossLimit = null,
    string? Label = null,
    DateTime? ExpireTime = null);

/// <summary>
/// One order of an account as it stands. Prices in quote currency, quantities in base units, times UTC on the feed's
/// clock (a replay feed's clock runs in the data's past).
/// </summary>
/// <param name="Id">The order's UUID (see <see cref="BrokerOrderIds"/>).</param>
/// <param name="OrderId">The engine's id of the order within the account's run (O-000001...).</param>
/// <param name="ClientOrderId">The client's id.</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">The order type.</param>
/// <param name="TimeInForce">The engine's time in force.</param>
/// <param name="Quantity">Ordered quantity (a bracket exit: sized to the entry's fill).</param>
/// <param name="FilledQuantity">Filled so far.</param>
/// <param name="AverageFillPrice">Volume-weighted fill price, null before a fill.</param>
/// <param name="LimitPrice">Limit price.</param>
/// <param name="StopPrice">Stop (trigger) price.</param>
/// <param name="TrailingOffset">A trailing stop's offset.</param>
/// <param name="TrailingOffsetType">Whether the offset is a price or a percentage.</param>
/// <param name="Status">The engine's status (Initialized = held by its order list).</param>
/// <param name="Reason">A rejection or cancel reason.</param>
/// <param name="Class">The order class of the request it came from.</param>
/// <param name="ParentOrderId">The entry of a bracket/OTO exit or the first order of an OCO, else null.</param>
/// <param name="CreatedAt">First event time.</param>
/// <param name="UpdatedAt">Last event time.</param>
/// <param name="Label">The request's label.</param>
/// <param name="Legs">The exits of an entry (nested listing), else empty.</param>
public sealed record BrokerOrder(
    Guid Id,
    string OrderId,
    string ClientOrderId,
    InstrumentId Instrument,
    Side Side,
    OrderType Type,
    TimeInForce TimeInForce,
    decimal Quantity,
    decimal FilledQuantity,
    decimal? AverageFillPrice,
    decimal? LimitPrice,
    decimal? StopPrice,
    decimal? TrailingOffset,
    TrailingOffsetType? TrailingOffsetType,
    OrderStatus Status,
    string? Reason,
    OrderClass Class,
    string? ParentOrderId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string? Label,
    IReadOnlyList<BrokerOrder> Legs)
{
    /// <summary>True while the order may still fill (held, on its way, working).</summary>
    public bool IsOpen => !Status.IsTerminal();
}

/// <summary>Which orders to list.</summary>
/// <param name="Open">True: open only; false: closed only; null: all.</param>
/// <param name="Limit">At most this many (1..500).</param>
/// <param name="After">Created strictly after, UTC.</param>
/// <param name="Until">Created strictly before, UTC.</param>
/// <param name="Ascending">Oldest first when true.</param>
/// <param name="Nested">Exits listed under their entry's <see cref="BrokerOrder.Legs"/> instead of on their own.</param>
/// <param name="Instruments">Only these instruments; null or empty: all.</param>
public sealed record BrokerOrderQuery(bool? Open, int Limit = 50, DateTime? After = null, DateTime? Until = null, bool Ascending = false, bool Nested = false, IReadOnlyList<InstrumentId>? Instruments = null);

/// <summary>The account's balances now, account currency.</summary>
/// <param name="Account">The account.</param>
/// <param name="Cash">Cash (negative when borrowed).</param>
/// <param name="Equity">Cash plus the positions' market value.</param>
/// <param name="LongMarketValue">Σ value of long positions.</param>
/// <param name="ShortMarketValue">Σ value of short positions (negative).</param>
/// <param name="InitialMargin">Margin held by margined positions.</param>
/// <param name="MaintenanceMargin">Maintenance margin of margined positions.</param>
/// <param name="BuyingPower">What new orders may still use: cash (not below zero) for cash instruments.</param>
/// <param name="StartingCash">The cash the account opened with.</param>
/// <param name="LastEquity">Equity at the start of the current trading day (the risk monitor's day start).</param>
/// <param name="TradingBlocked">True while the account's run does not accept orders (halted, or not running).</param>
public sealed record AccountSnapshot(
    BrokerAccount Account,
    decimal Cash,
    decimal Equity,
    decimal LongMarketValue,
    decimal ShortMarketValue,
    decimal InitialMargin,
    decimal MaintenanceMargin,
    decimal BuyingPower,
    decimal StartingCash,
    decimal LastEquity,
    bool TradingBlocked);

/// <summary>The outcome of an order command: the orders (a list: parent first), or why it was refused.</summary>
/// <param name="Orders">The orders created or changed, parent first; empty when refused.</param>
/// <param name="Error">Why the command was refused, or null.</param>
public sealed record BrokerOutcome(IReadOnlyList<BrokerOrder> Orders, BrokerError? Error)
{
    /// <summary>The order (the parent of a list).</summary>
    public BrokerOrder? Order => Orders.Count > 0 ? Orders[0] : null;
}

/// <summary>Why a command was refused.</summary>
public enum BrokerErrorKind
{
    /// <summary>The request is malformed or breaks a rule (a risk limit, a bad price).</summary>
    Invalid,

    /// <summary>Not enough buying power.</summary>
    InsufficientBuyingPower,

    /// <summary>No such order or position.</summary>
    NotFound,

    /// <summary>The client order id is taken in this account.</summary>
    Duplicate,

    /// <summary>The order can no longer be changed (it finished).</summary>
    NotOpen,

    /// <summary>The account's configuration forbids it (trading suspended, a short in a long-only account).</summary>
    NotAllowed,
}

/// <summary>A refused command.</summary>
/// <param name="Kind">What kind of refusal.</param>
/// <param name="Message">Human-readable reason.</param>
/// <param name="Field">The request field at fault, when one is.</param>
public sealed record BrokerError(BrokerErrorKind Kind, string Message, string? Field = null);

/// <summary>An update of one of the account's orders, after it is stored.</summary>
/// <param name="Event">new, fill, partial_fill, canceled, expired, replaced, rejected, pending_new, held, order_replace_rejected or order_cancel_rejected.</param>
/// <param name="Order">The order as stored when the update is read (it may already be further along).</param>
/// <param name="Timestamp">The event's time, UTC (feed clock).</param>
/// <param name="Price">A fill's price, else null.</param>
/// <param name="Quantity">A fill's quantity, else null.</param>
/// <param name="PositionQuantity">The account's net position in the instrument after the event.</param>
public sealed record BrokerOrderUpdate(string Event, BrokerOrder Order, DateTime Timestamp, decimal? Price, decimal? Quantity, decimal PositionQuantity);

/// <summary>An open position with its market value, quote currency.</summary>
/// <param name="Position">Quantity, average price, last price, P&amp;L.</param>
/// <param name="MarketValue">NetQuantity × LastPrice.</param>
/// <param name="CostBasis">NetQuantity × AveragePrice.</param>
public sealed record BrokerPosition(PositionSnapshot Position, decimal MarketValue, decimal CostBasis);

/// <summary>The pre-trade risk check of an order that was not placed.</summary>
/// <param name="Denials">Every failed check with its reason (the account's buying power, then the engine's checks); empty: the order would be accepted.</param>
/// <param name="Error">A request the account refuses before any risk check (malformed, unknown instrument, no price yet), else null.</param>
public sealed record BrokerRiskCheck(IReadOnlyList<RiskDenial> Denials, BrokerError? Error);

/// <summary>An account's risk limits and state now.</summary>
/// <param name="Account">The account.</param>
/// <param name="Limits">The limits its run was opened with (money in the account currency).</param>
/// <param name="State">The trading state orders obey.</param>
/// <param name="StateReason">Why (empty while Active from the start).</param>
/// <param name="DayStartEquity">Equity at the start of the trading day (the daily loss limit's and drawdown's reference), account currency.</param>
/// <param name="Equity">Equity now, account currency.</param>
/// <param name="CircuitBreakers">Every instrument's circuit breaker (empty without <see cref="RiskSettings.CircuitBreaker"/>).</param>
public sealed record AccountRisk(
    BrokerAccount Account,
    RiskSettings Limits,
    TradingState State,
    string StateReason,
    decimal DayStartEquity,
    decimal Equity,
    IReadOnlyList<CircuitBreakerState> CircuitBreakers);
