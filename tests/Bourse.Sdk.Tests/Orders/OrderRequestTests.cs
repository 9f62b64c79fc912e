using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Sdk.Tests.Orders;

public class OrderRequestTests
{
    private static readonly InstrumentId Spy = InstrumentId.Parse("SPY.NASDAQ");
    private static readonly DateTime Later = new(2024, 1, 2, 20, 0, 0, DateTimeKind.Utc);

    public static TheoryData<OrderRequest, string> Malformed => new()
    {
        { OrderRequest.Market(Spy, Side.Buy, 0m), "quantity must be positive" },
        { new OrderRequest(Spy, Side.Buy, OrderType.Limit, 1m), "a limit order needs a limit price" },
        { OrderRequest.Limit(Spy, Side.Buy, 1m, 0m), "the limit price must be positive" },
        { new OrderRequest(Spy, Side.Buy, OrderType.Market, 1m, 10m), "a market order takes no limit price" },
        { new OrderRequest(Spy, Side.Buy, OrderType.Stop, 1m), "a stop order needs a trigger price" },
        { OrderRequest.Stop(Spy, Side.Buy, 1m, -1m), "the trigger price must be positive" },
        { new OrderRequest(Spy, Side.Buy, OrderType.StopLimit, 1m, TriggerPrice: 10m), "a stop-limit order needs a limit price" },
        { new OrderRequest(Spy, Side.Buy, OrderType.LimitIfTouched, 1m, 10m), "a limit-if-touched order needs a trigger price" },
        { new OrderRequest(Spy, Side.Buy, OrderType.Limit, 1m, 10m, TriggerPrice: 9m), "a limit order takes no trigger price" },
        { new OrderRequest(Spy, Side.Buy, OrderType.TrailingStop, 1m), "a trailing stop order needs a trailing offset" },
        { OrderRequest.TrailingStop(Spy, Side.Sell, 1m, 0m), "the trailing offset must be positive" },
        { OrderRequest.TrailingStop(Spy, Side.Sell, 1m, 100m, TrailingOffsetType.Percent), "a percentage trailing offset must be below 100" },
        { OrderRequest.Market(Spy, Side.Buy, 1m) with { TrailingOffset = 1m }, "a market order takes no trailing offset" },
        { OrderRequest.Market(Spy, Side.Buy, 1m, TimeInForce.Gtd), "a GTD order needs an expire time" },
        { OrderRequest.Market(Spy, Side.Buy, 1m, TimeInForce.Gtd) with { ExpireTime = DateTime.SpecifyKind(Later, DateTimeKind.Local) }, "the expire time must be UTC" },
        { OrderRequest.Market(Spy, Side.Buy, 1m) with { ExpireTime = Later }, "only GTD orders take an expire time" },
        { OrderRequest.Market(Spy, Side.Buy, 1m) with { PostOnly = true }, "post-only applies to limit orders only" },
        { OrderRequest.Limit(Spy, Side.Buy, 1m, 10m, TimeInForce.Ioc) with { PostOnly = true }, "a post-only order cannot be IOC or FOK (it must rest)" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_requests_name_their_problem(OrderRequest request, string problem) => Assert.Equal(problem, request.Problem());

    [Fact]
    public void Every_factory_builds_a_well_formed_request()
    {
        OrderRequest[] requests =
        [
            OrderRequest.Market(Spy, Side.Buy, 1m, TimeInForce.Fok),
            OrderRequest.Limit(Spy, Side.Buy, 1m, 10m, TimeInForce.Day) with { PostOnly = true, ReduceOnly = true },
            OrderRequest.Stop(Spy, Side.Sell, 1m, 9m),
            OrderRequest.StopLimit(Spy, Side.Sell, 1m, 9m, 8.9m),
            OrderRequest.TrailingStop(Spy, Side.Sell, 1m, 1.5m, TrailingOffsetType.Percent),
            OrderRequest.TrailingStop(Spy, Side.Sell, 1m, 0.5m) with { TriggerPrice = 9.5m },
            OrderRequest.MarketIfTouched(Spy, Side.Buy, 1m, 9m),
            OrderRequest.LimitIfTouched(Spy, Side.Buy, 1m, 9m, 9.1m),
            OrderRequest.Limit(Spy, Side.Buy, 1m, 10m) with { TimeInForce = TimeInForce.Gtd, ExpireTime = Later },
        ];
        Assert.All(requests, r => Assert.Null(r.Problem()));
    }

    [Fact]
    public void Order_lists_check_their_shape()
    {
        var entry = OrderRequest.Market(Spy, Side.Buy, 10m);
        var takeProfit = OrderRequest.Limit(Spy, Side.Sell, 10m, 11m);
        var stopLoss = OrderRequest.Stop(Spy, Side.Sell, 10m, 9m);
        Assert.Null(OrderList.Bracket(entry, takeProfit, stopLoss).Problem());
        Assert.Null(OrderList.Oco(takeProfit, stopLoss).Problem());
        Assert.Null(OrderList.Oto(entry, stopLoss).Problem());
        Assert.Equal("an order list needs at least two orders", OrderList.Oco(takeProfit).Problem());
        Assert.Equal("order 1: quantity must be positive", OrderList.Oto(entry, takeProfit with { Quantity = 0m }).Problem());
        Assert.Equal("order 1: all orders of a list must trade SPY.NASDAQ", OrderList.Oco(takeProfit, stopLoss with { Instrument = InstrumentId.Parse("QQQ.NASDAQ") }).Problem());
        Assert.Equal("the take-profit and stop-loss quantities must equal the entry's", OrderList.Bracket(entry, takeProfit with { Quantity = 5m }, stopLoss).Problem());
        Assert.Equal("the take-profit must be a limit, limit-if-touched or market-if-touched order", OrderList.Bracket(entry, stopLoss, stopLoss).Problem());
        Assert.Equal("the stop-loss must be a stop, stop-limit or trailing stop order", OrderList.Bracket(entry, takeProfit, takeProfit).Problem());
    }
}
