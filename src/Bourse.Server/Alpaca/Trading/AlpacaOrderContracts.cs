using System.Text.Json.Serialization;

namespace Bourse.Server.Alpaca.Trading;

/// <summary>
/// The body of <c>POST /v2/orders</c>, as Alpaca's API takes it: decimals as strings or numbers; enums as Alpaca's
/// lower-case words. Unknown members are ignored (e.g. <c>position_intent</c>).
/// </summary>
/// <param name="Symbol">SPY, BTC/USD or BTCUSD.</param>
/// <param name="Qty">Quantity in shares or coins (fractional allowed); exactly one of it and <paramref name="Notional"/>.</param>
/// <param name="Notional">An amount of USD to trade instead of a quantity.</param>
/// <param name="Side">buy or sell.</param>
/// <param name="Type">market, limit, stop, stop_limit or trailing_stop.</param>
/// <param name="TimeInForce">day, gtc, opg, cls, ioc or fok (opg and cls work as day orders).</param>
/// <param name="LimitPrice">Limit price (limit, stop_limit).</param>
/// <param name="StopPrice">Stop price (stop, stop_limit).</param>
/// <param name="TrailPrice">A trailing stop's offset in dollars.</param>
/// <param name="TrailPercent">A trailing stop's offset in percent.</param>
/// <param name="ExtendedHours">Accepted and ignored (the simulated venue trades whenever the feed has data).</param>
/// <param name="ClientOrderId">Unique in the account, at most 48 characters; a UUID when omitted.</param>
/// <param name="OrderClass">simple (default), bracket, oco or oto.</param>
/// <param name="TakeProfit">The take-profit leg: <c>{limit_price}</c>.</param>
/// <param name="StopLoss">The stop-loss leg: <c>{stop_price, limit_price?}</c>.</param>
public sealed record AlpacaOrderRequest(
    string? Symbol,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? Qty,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? Notional,
    string? Side,
    string? Type,
    string? TimeInForce,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? LimitPrice,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? StopPrice,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? TrailPrice,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? TrailPercent,
    bool? ExtendedHours,
    string? ClientOrderId,
    string? OrderClass,
    AlpacaTakeProfit? TakeProfit,
    AlpacaStopLoss? StopLoss);

/// <summary>A take-profit leg.</summary>
/// <param name="LimitPrice">Its limit price.</param>
public sealed record AlpacaTakeProfit([property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? LimitPrice);

/// <summary>A stop-loss leg.</summary>
/// <param name="StopPrice">Its stop price.</param>
/// <param name="LimitPrice">Its limit price (a stop-limit), or null (a stop).</param>
public sealed record AlpacaStopLoss(
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? StopPrice,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? LimitPrice);

/// <summary>The body of <c>PATCH /v2/orders/{order_id}</c> (replace): the terms to change; the others are kept.</summary>
/// <param name="Qty">New total quantity.</param>
/// <param name="TimeInForce">Must be the order's own (a change of time in force is refused).</param>
/// <param name="LimitPrice">New limit price.</param>
/// <param name="StopPrice">New stop price.</param>
/// <param name="Trail">Accepted only when absent (trailing offsets cannot change).</param>
/// <param name="ClientOrderId">Accepted only when absent or the order's own.</param>
public sealed record AlpacaReplaceRequest(
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? Qty,
    string? TimeInForce,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? LimitPrice,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? StopPrice,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? Trail,
    string? ClientOrderId);

/// <summary>An order in Alpaca's form. Decimals are strings; times RFC 3339 UTC on the feed's clock.</summary>
public sealed record AlpacaOrderDto(
    string Id,
    string ClientOrderId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? SubmittedAt,
    DateTime? FilledAt,
    DateTime? ExpiredAt,
    DateTime? CanceledAt,
    DateTime? FailedAt,
    DateTime? ReplacedAt,
    string? ReplacedBy,
    string? Replaces,
    string AssetId,
    string Symbol,
    string AssetClass,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? Notional,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? Qty,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal FilledQty,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? FilledAvgPrice,
    string OrderClass,
    string OrderType,
    string Type,
    string Side,
    string TimeInForce,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? LimitPrice,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? StopPrice,
    string Status,
    bool ExtendedHours,
    IReadOnlyList<AlpacaOrderDto>? Legs,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? TrailPercent,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? TrailPrice,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? Hwm,
    string? PositionIntent);

/// <summary>One entry of a multi-status answer (<c>DELETE /v2/orders</c>): the order id, the status of its cancel, and the order.</summary>
public sealed record AlpacaOrderStatusDto(string Id, int Status, AlpacaOrderDto Body);

/// <summary>One entry of <c>DELETE /v2/positions</c>: the symbol, the status of its close, and the closing order.</summary>
public sealed record AlpacaPositionCloseDto(string Symbol, int Status, AlpacaOrderDto Body);

/// <summary>A position in Alpaca's form. Decimals are strings.</summary>
public sealed record AlpacaPositionDto(
    string AssetId,
    string Symbol,
    string Exchange,
    string AssetClass,
    bool AssetMarginable,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal AvgEntryPrice,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal Qty,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal QtyAvailable,
    string Side,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal MarketValue,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal CostBasis,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal UnrealizedPl,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal UnrealizedPlpc,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal UnrealizedIntradayPl,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal UnrealizedIntradayPlpc,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal CurrentPrice,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal LastdayPrice,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal ChangeToday);

/// <summary>The account in Alpaca's form. Decimals are strings, in the account currency.</summary>
public sealed record AlpacaAccountDto(
    string Id,
    string AccountNumber,
    string Status,
    string CryptoStatus,
    string Currency,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal BuyingPower,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal RegtBuyingPower,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal DaytradingBuyingPower,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal NonMarginableBuyingPower,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal Cash,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal AccruedFees,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal PortfolioValue,
    bool PatternDayTrader,
    bool TradingBlocked,
    bool TransfersBlocked,
    bool AccountBlocked,
    DateTime CreatedAt,
    bool TradeSuspendedByUser,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal Multiplier,
    bool ShortingEnabled,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal Equity,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal LastEquity,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal LongMarketValue,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal ShortMarketValue,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal InitialMargin,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal MaintenanceMargin,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal LastMaintenanceMargin,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal Sma,
    int DaytradeCount);
