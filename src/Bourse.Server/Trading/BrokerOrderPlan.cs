using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Portfolio;
using Bourse.Persistence.Writing;
using Bourse.Sdk.Values;

namespace Bourse.Server.Trading;

/// <summary>
/// Turns a <see cref="BrokerOrderRequest"/> into the engine's order (simple) or order list (bracket, OCO, OTO), each
/// order tagged with its <see cref="OrderTag"/>, or into the <see cref="BrokerError"/> that refuses it. Built on the
/// account run's loop: a notional is converted at the instrument's last price, and a buy of a cash instrument must be
/// covered by the account's cash (Alpaca's buying power check; the engine itself lets cash go negative), and a long-only
/// account (configuration <c>no_shorting</c>) may sell at most its long position. A plan refused
/// for buying power only still carries its order(s), so a risk check can evaluate them too; a submission refuses it.
/// </summary>
public sealed record BrokerOrderPlan(OrderRequest? Order, OrderList? List, BrokerError? Error)
{
    /// <summary>Plans <paramref name="request"/> for the account whose portfolio is <paramref name="portfolio"/>.</summary>
    /// <param name="request">The client's order.</param>
    /// <param name="clientOrderId">The client order id to tag the (parent) order with.</param>
    /// <param name="instrument">The instrument's definition (lot size, margined or not).</param>
    /// <param name="portfolio">The account's portfolio now.</param>
    /// <param name="longOnly">True: refuse (<see cref="BrokerErrorKind.NotAllowed"/>) a sell larger than the long position, which would open or add to a short.</param>
    public static BrokerOrderPlan For(BrokerOrderRequest request, string clientOrderId, Instrument instrument, IPortfolioView portfolio, bool longOnly = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(portfolio);
        var lastPrice = portfolio.Position(request.Instrument).LastPrice;
        if (Terms(request) is { } termsError)
        {
            return Refuse(termsError);
        }

        if (lastPrice <= 0m && (request.Notional is not null || request.LimitPrice is null && request.StopPrice is null))
        {
            return Refuse(new BrokerError(BrokerErrorKind.Invalid, $"no market price yet for {request.Instrument}: the account has not seen a bar of it since it opened", "symbol"));
        }

        var quantity = request.Quantity;
        if (request.Notional is { } notional)
        {

            quantity = instrument.RoundDownToLot(notional / (request.LimitPrice ?? lastPrice));
            if (quantity <= 0m)
            {
                return Refuse(new BrokerError(BrokerErrorKind.Invalid, $"notional {notional} buys less than one lot ({instrument.LotSize}) of {request.Instrument}", "notional"));
            }
        }

        var qty = quantity!.Value;
        var price = request.LimitPrice ?? request.StopPrice ?? lastPrice;
        var shortfall = request.Side == Side.Buy && !instrument.IsMargined && request.Class != OrderClass.Oco && price * qty > Math.Max(0m, portfolio.Cash.Amount)
            ? new BrokerError(BrokerErrorKind.InsufficientBuyingPower,
                $"insufficient buying power: the order costs about {price * qty:0.##} {portfolio.Currency}, the account has {Math.Max(0m, portfolio.Cash.Amount):0.##} {portfolio.Currency} of cash")
            : null;

        var held = Math.Max(0m, portfolio.Position(request.Instrument).NetQuantity);
        if (longOnly && request.Side == Side.Sell && qty > held)
        {
            return Refuse(new BrokerError(BrokerErrorKind.NotAllowed,
                $"insufficient qty available for order (requested: {qty}, available: {held}): the account does not allow shorting (no_shorting)", "qty"));
        }

        var tag = new OrderTag(clientOrderId, request.Class, null, request.Label);
        var entry = new OrderRequest(
            request.Instrument, request.Side, request.Type, new Quantity(qty),
            request.LimitPrice is { } l ? new Price(l) : null, request.TimeInForce, tag.Encode(),
            request.StopPrice is { } s ? new Price(s) : null,
            request.TrailPrice ?? request.TrailPercent,
            request.TrailPercent is null ? TrailingOffsetType.Price : TrailingOffsetType.Percent,
            request.ExpireTime);
        if (request.Class == OrderClass.Simple)
        {
            return new BrokerOrderPlan(entry, null, shortfall);
        }

        var exitSide = request.Class == OrderClass.Oco ? request.Side : request.Side.Opposite();
        OrderRequest? TakeProfit(string parent) => request.TakeProfitLimit is { } tp
            ? OrderRequest.Limit(request.Instrument, exitSide, new Quantity(qty), new Price(tp), TimeInForce.Gtc) with { Tag = Leg(parent) }
            : null;
        OrderRequest? StopLoss(string parent) => request.StopLossStop is { } sl
            ? (request.StopLossLimit is { } sll
                ? OrderRequest.StopLimit(request.Instrument, exitSide, new Quantity(qty), new Price(sl), new Price(sll), TimeInForce.Gtc)
                : OrderRequest.Stop(request.Instrument, exitSide, new Quantity(qty), new Price(sl), TimeInForce.Gtc)) with { Tag = Leg(parent) }
            : null;
        string Leg(string parent) => new OrderTag(Guid.NewGuid().ToString(), request.Class, parent, request.Label).Encode();

        // The entry's engine id is not known before the run creates it: exits name it by the placeholder, resolved when read.
        return request.Class switch
        {
            OrderClass.Bracket => new BrokerOrderPlan(null, OrderList.Bracket(entry, TakeProfit(ParentPlaceholder)!, StopLoss(ParentPlaceholder)!), shortfall),
            OrderClass.Oto => new BrokerOrderPlan(null, OrderList.Oto(entry, (TakeProfit(ParentPlaceholder) ?? StopLoss(ParentPlaceholder))!), shortfall),
            _ => new BrokerOrderPlan(null, OrderList.Oco(TakeProfit(ParentPlaceholder)! with { Tag = tag.Encode() }, StopLoss(ParentPlaceholder)!), null),
        };
    }

    /// <summary>The parent named by an exit's tag before its entry had an id; readers resolve it to the entry's id (the list's first order).</summary>
    public const string ParentPlaceholder = "entry";

    private static BrokerOrderPlan Refuse(BrokerError error) => new(null, null, error);

    /// <summary>The rule the request's terms break (the field at fault), or null.</summary>
    private static BrokerError? Terms(BrokerOrderRequest r)
    {
        static BrokerError Bad(string field, string message) => new(BrokerErrorKind.Invalid, message, field);
        return r switch
        {
            { Quantity: null, Notional: null } => Bad("qty", "qty or notional is required"),
            { Quantity: not null, Notional: not null } => Bad("notional", "qty and notional are mutually exclusive"),
            { Quantity: <= 0m } => Bad("qty", "qty must be positive"),
            { Notional: <= 0m } => Bad("notional", "notional must be positive"),
            { Type: OrderType.Limit or OrderType.StopLimit or OrderType.LimitIfTouched, LimitPrice: null } => Bad("limit_price", $"limit_price is required for {Name(r.Type)} orders"),
            { Type: OrderType.Market or OrderType.Stop or OrderType.TrailingStop or OrderType.MarketIfTouched, LimitPrice: not null } => Bad("limit_price", $"limit_price is not allowed for {Name(r.Type)} orders"),
            { Type: OrderType.Stop or OrderType.StopLimit or OrderType.MarketIfTouched or OrderType.LimitIfTouched, StopPrice: null } => Bad("stop_price", $"stop_price is required for {Name(r.Type)} orders"),
            { Type: OrderType.Market or OrderType.Limit or OrderType.TrailingStop, StopPrice: not null } => Bad("stop_price", $"stop_price is not allowed for {Name(r.Type)} orders"),
            { Type: OrderType.TrailingStop, TrailPrice: null, TrailPercent: null } => Bad("trail_price", "trail_price or trail_percent is required for trailing_stop orders"),
            { TrailPrice: not null, TrailPercent: not null } => Bad("trail_percent", "trail_price and trail_percent are mutually exclusive"),
            { Type: not OrderType.TrailingStop, TrailPrice: not null } or { Type: not OrderType.TrailingStop, TrailPercent: not null } => Bad("trail_price", "trail_price and trail_percent are for trailing_stop orders only"),
            { LimitPrice: <= 0m } => Bad("limit_price", "limit_price must be positive"),
            { StopPrice: <= 0m } => Bad("stop_price", "stop_price must be positive"),
            { Class: OrderClass.Simple, TakeProfitLimit: not null } or { Class: OrderClass.Simple, StopLossStop: not null } => Bad("order_class", "take_profit and stop_loss need order_class bracket, oco or oto"),
            { Class: OrderClass.Bracket or OrderClass.Oco, TakeProfitLimit: null } => Bad("take_profit.limit_price", $"take_profit.limit_price is required for {Name(r.Class)} orders"),
            { Class: OrderClass.Bracket or OrderClass.Oco, StopLossStop: null } => Bad("stop_loss.stop_price", $"stop_loss.stop_price is required for {Name(r.Class)} orders"),
            { Class: OrderClass.Oto, TakeProfitLimit: null, StopLossStop: null } => Bad("take_profit", "an oto order needs take_profit or stop_loss"),
            { Class: OrderClass.Oto, TakeProfitLimit: not null, StopLossStop: not null } => Bad("stop_loss", "an oto order takes take_profit or stop_loss, not both"),
            { Class: OrderClass.Bracket or OrderClass.Oto, Type: not (OrderType.Market or OrderType.Limit) } => Bad("type", $"the entry of a {Name(r.Class)} order must be market or limit"),
            { Class: OrderClass.Oco, Type: not OrderType.Limit } => Bad("type", "an oco order must be of type limit"),
            { Class: not OrderClass.Simple, Notional: not null } => Bad("notional", "notional orders must be simple"),
            { StopLossLimit: not null, StopLossStop: null } => Bad("stop_loss.stop_price", "stop_loss.stop_price is required with stop_loss.limit_price"),
            { TimeInForce: TimeInForce.Gtd, ExpireTime: null } => Bad("expire_time", "expire_time is required for gtd orders"),
            { TimeInForce: not TimeInForce.Gtd, ExpireTime: not null } => Bad("expire_time", "expire_time is for gtd orders only"),
            { ClientOrderId.Length: > 48 } => Bad("client_order_id", "client_order_id must be at most 48 characters"),
            _ => null,
        };
    }

    private static string Name<T>(T value) where T : struct, Enum => Naming.Snake(value.ToString());
}
