using Bourse.Sdk.Orders;
using Bourse.Server.Alpaca;

namespace Bourse.Server.Brokers.Alpaca;

/// <summary>
/// A run's order terms in Alpaca's words. Types: market, limit, stop, stop_limit, trailing_stop (a price offset as
/// <c>trail_price</c>, a percentage as <c>trail_percent</c>); time in force: gtc, day, ioc, fok. Alpaca has no
/// market/limit-if-touched orders, no GTD and no post-only flag: such orders are refused with the reason. Reduce-only has
/// no Alpaca flag either; the run's risk engine has already checked that the order reduces the position (the kill
/// switch's closing orders), so it goes as a plain order.
/// </summary>
public static class AlpacaOrderTerms
{
    /// <summary>The body of <c>POST /v2/orders</c> for <paramref name="terms"/>, or null with the reason Alpaca cannot take them.</summary>
    public static AlpacaNewOrder? ToRequest(OrderRequest terms, AlpacaSymbols symbols, string clientOrderId, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(symbols);
        problem = null;
        var type = terms.Type switch
        {
            OrderType.Market => "market",
            OrderType.Limit => "limit",
            OrderType.Stop => "stop",
            OrderType.StopLimit => "stop_limit",
            OrderType.TrailingStop => "trailing_stop",
            _ => null,
        };
        var timeInForce = terms.TimeInForce switch
        {
            TimeInForce.Gtc => "gtc",
            TimeInForce.Day => "day",
            TimeInForce.Ioc => "ioc",
            TimeInForce.Fok => "fok",
            _ => null,
        };
        if (!symbols.TryGet(terms.Instrument, out var asset))
        {
            problem = $"the broker has no symbol for {terms.Instrument}";
        }
        else if (type is null)
        {
            problem = $"Alpaca has no {terms.Type} orders";
        }
        else if (timeInForce is null)
        {
            problem = $"Alpaca has no {terms.TimeInForce} time in force";
        }
        else if (terms.PostOnly)
        {
            problem = "Alpaca has no post-only orders";
        }

        if (problem is not null)
        {
            return null;
        }

        var trailing = terms.Type == OrderType.TrailingStop ? terms.TrailingOffset : null;
        var percent = terms.TrailingOffsetType == TrailingOffsetType.Percent;
        return new AlpacaNewOrder(
            asset.Symbol,
            terms.Quantity.Value,
            terms.Side == Side.Buy ? "buy" : "sell",
            type!,
            timeInForce!,
            terms.LimitPrice?.Value,
            terms.Type == OrderType.TrailingStop ? null : terms.TriggerPrice?.Value,
            percent ? null : trailing,
            percent ? trailing : null,
            clientOrderId);
    }
}
