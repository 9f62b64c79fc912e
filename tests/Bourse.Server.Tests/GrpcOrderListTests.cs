using Bourse.Grpc.V1;
using Grpc.Core;
using static Bourse.Server.Tests.GrpcSocketServer;

namespace Bourse.Server.Tests;

/// <summary>
/// The Orders service beyond simple orders, over real sockets with the generated client: bracket, OCO, replace, cancel
/// all, client order id look-ups, and one account's orders hidden from another user. BTC trades near 7,400 USD in the
/// sample data, so a buy limit at 1 never fills and a sell limit at 1 fills on the next bar.
/// </summary>
public sealed class GrpcOrderListTests(GrpcSocketServer server) : IClassFixture<GrpcSocketServer>
{
    private readonly Orders.OrdersClient _orders = new(server.Channel);

    private static PlaceOrderRequest Limit(string side, string qty, string price, string clientOrderId = "") =>
        new() { Symbol = Btc, Side = side, Type = "limit", Qty = qty, LimitPrice = price, TimeInForce = "gtc", ClientOrderId = clientOrderId };

    [Fact]
    public async Task A_bracket_holds_its_exits_until_the_entry_fills_then_they_work()
    {
        var trader = await server.TraderWithPriceAsync("grpc-bracket");
        var bracket = await _orders.PlaceOrderAsync(
            new PlaceOrderRequest
            {
                Symbol = Btc, Side = "buy", Type = "market", Qty = "0.03", TimeInForce = "gtc", OrderClass = "bracket",
                TakeProfit = new TakeProfit { LimitPrice = "1000000" }, StopLoss = new StopLoss { StopPrice = "1", LimitPrice = "0.5" },
            },
            trader);
        Assert.Equal("bracket", bracket.OrderClass);
        Assert.Equal(["limit", "stop_limit"], bracket.Legs.Select(l => l.Type).Order());
        Assert.All(bracket.Legs, l => Assert.Equal(("sell", 0.03m), (l.Side, Money(l.Qty))));
        Assert.All(bracket.Legs, l => Assert.Contains(l.Status, new[] { "initialized", "submitted", "accepted" })); // held (a bar may come first)

        await server.WaitForOrderAsync(bracket.Id, trader, o => o.Status == "filled", "the entry's fill");
        var working = await server.WaitForOrderAsync(bracket.Id, trader, o => o.Legs.All(l => l.Status == "accepted"), "both exits working");
        Assert.Equal(1_000_000m, Money(working.Legs.Single(l => l.Type == "limit").LimitPrice));

        var nested = await _orders.GetOrdersAsync(new GetOrdersRequest { Status = "all", Nested = true }, trader);
        Assert.Equal(bracket.Id, Assert.Single(nested.Orders).Id);
        Assert.Equal(2, nested.Orders[0].Legs.Count);
        var flat = await _orders.GetOrdersAsync(new GetOrdersRequest { Status = "all" }, trader);
        Assert.Equal(3, flat.Orders.Count);

        var invalid = await Assert.ThrowsAsync<RpcException>(async () => await _orders.PlaceOrderAsync(
            new PlaceOrderRequest { Symbol = Btc, Side = "buy", Type = "market", Qty = "0.01", OrderClass = "bracket", TakeProfit = new TakeProfit { LimitPrice = "1000000" } }, trader));
        Assert.Equal((StatusCode.InvalidArgument, "stop_loss.stop_price"), (invalid.StatusCode, invalid.Trailers.GetValue("field")));
    }

    [Fact]
    public async Task The_OCO_leg_that_fills_cancels_the_other()
    {
        var trader = await server.TraderWithPriceAsync("grpc-oco");
        var entry = await _orders.PlaceOrderAsync(new PlaceOrderRequest { Symbol = Btc, Side = "buy", Type = "market", Qty = "0.02", TimeInForce = "gtc" }, trader);
        await server.WaitForOrderAsync(entry.Id, trader, o => o.Status == "filled", "the position");

        // Take profit at 1 (marketable: fills on the next bar), stop loss far below the market (never triggers).
        var oco = await _orders.PlaceOrderAsync(
            new PlaceOrderRequest
            {
                Symbol = Btc, Side = "sell", Type = "limit", Qty = "0.02", LimitPrice = "1", TimeInForce = "gtc", OrderClass = "oco",
                TakeProfit = new TakeProfit { LimitPrice = "1" }, StopLoss = new StopLoss { StopPrice = "2" },
            },
            trader);
        Assert.Equal("oco", oco.OrderClass);
        var stopLoss = Assert.Single(oco.Legs);
        Assert.Equal("stop", stopLoss.Type);

        await server.WaitForOrderAsync(oco.Id, trader, o => o.Status == "filled", "the take-profit's fill");
        var canceled = await server.WaitForOrderAsync(stopLoss.Id, trader, o => o.Status == "canceled", "the stop-loss canceled by the fill");
        Assert.Equal(0m, Money(canceled.FilledQty));
    }

    [Fact]
    public async Task Replace_cancel_all_and_client_order_id_look_ups()
    {
        var trader = await server.TraderWithPriceAsync("grpc-replace");
        var first = await _orders.PlaceOrderAsync(Limit("buy", "0.01", "1", "grpc-first"), trader);
        var second = await _orders.PlaceOrderAsync(Limit("buy", "0.01", "2"), trader);

        // Replace: new quantity and limit price, same order.
        await server.WaitForOrderAsync(first.Id, trader, o => o.Status == "accepted", "the first order working");
        var replaced = await _orders.ReplaceOrderAsync(new ReplaceOrderRequest { OrderId = first.Id, Qty = "0.05", LimitPrice = "3" }, trader);
        Assert.Equal(first.Id, replaced.Id);
        var changed = await server.WaitForOrderAsync(first.Id, trader, o => Money(o.Qty) == 0.05m, "the replaced quantity");
        Assert.Equal((3m, "accepted"), (Money(changed.LimitPrice), changed.Status));
        var noStop = await Assert.ThrowsAsync<RpcException>(async () => await _orders.ReplaceOrderAsync(new ReplaceOrderRequest { OrderId = first.Id, StopPrice = "5" }, trader));
        Assert.Equal((StatusCode.InvalidArgument, "stop_price"), (noStop.StatusCode, noStop.Trailers.GetValue("field")));
        var nothing = await Assert.ThrowsAsync<RpcException>(async () => await _orders.ReplaceOrderAsync(new ReplaceOrderRequest { OrderId = first.Id }, trader));
        Assert.Equal((StatusCode.InvalidArgument, "qty"), (nothing.StatusCode, nothing.Trailers.GetValue("field")));

        // Client order ids: found, unknown, taken.
        var byClientId = await _orders.GetOrderByClientOrderIdAsync(new ClientOrderIdRequest { ClientOrderId = "grpc-first" }, trader);
        Assert.Equal((first.Id, 0.05m), (byClientId.Id, Money(byClientId.Qty)));
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await _orders.GetOrderByClientOrderIdAsync(new ClientOrderIdRequest { ClientOrderId = "grpc-none" }, trader));
        Assert.Equal((StatusCode.NotFound, "client_order_id"), (unknown.StatusCode, unknown.Trailers.GetValue("field")));
        var taken = await Assert.ThrowsAsync<RpcException>(async () => await _orders.PlaceOrderAsync(Limit("buy", "0.01", "1", "grpc-first"), trader));
        Assert.Equal((StatusCode.AlreadyExists, "client_order_id"), (taken.StatusCode, taken.Trailers.GetValue("field")));

        // Every type of the engine: a limit-if-touched buy triggered at 2 works (BTC stays far above).
        var touched = await _orders.PlaceOrderAsync(
            new PlaceOrderRequest { Symbol = Btc, Side = "buy", Type = "limit_if_touched", Qty = "0.01", StopPrice = "2", LimitPrice = "2", TimeInForce = "gtc" }, trader);
        Assert.Equal(("limit_if_touched", 2m), (touched.Type, Money(touched.StopPrice)));
        var noTrigger = await Assert.ThrowsAsync<RpcException>(async () => await _orders.PlaceOrderAsync(
            new PlaceOrderRequest { Symbol = Btc, Side = "buy", Type = "market_if_touched", Qty = "0.01", TimeInForce = "gtc" }, trader));
        Assert.Equal((StatusCode.InvalidArgument, "stop_price"), (noTrigger.StatusCode, noTrigger.Trailers.GetValue("field")));

        // Cancel all: every open order.
        var canceled = await _orders.CancelAllOrdersAsync(new CancelAllOrdersRequest(), trader);
        Assert.Equal(new[] { first.Id, second.Id, touched.Id }.Order(), canceled.Orders.Select(o => o.Id).Order());
        await server.WaitForOrderAsync(first.Id, trader, o => o.Status == "canceled", "the first order canceled");
        await server.WaitForOrderAsync(second.Id, trader, o => o.Status == "canceled", "the second order canceled");
        Assert.Empty((await _orders.GetOrdersAsync(new GetOrdersRequest(), trader)).Orders);
        var gone = await Assert.ThrowsAsync<RpcException>(async () => await _orders.ReplaceOrderAsync(new ReplaceOrderRequest { OrderId = first.Id, Qty = "1" }, trader));
        Assert.Equal(StatusCode.FailedPrecondition, gone.StatusCode);
    }

    [Fact]
    public async Task Another_user_can_neither_see_nor_change_the_accounts_orders()
    {
        var owner = await server.TraderWithPriceAsync("grpc-owner");
        var order = await _orders.PlaceOrderAsync(Limit("buy", "0.01", "1", "grpc-owned"), owner);
        var intruder = Bearer(await server.SignUpAsync("grpc-intruder"));

        async Task NotFoundAsync(Func<Task> call)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        }

        await NotFoundAsync(async () => await _orders.GetOrderStatusAsync(new OrderRequest { OrderId = order.Id }, intruder));
        await NotFoundAsync(async () => await _orders.GetOrderByClientOrderIdAsync(new ClientOrderIdRequest { ClientOrderId = "grpc-owned" }, intruder));
        await NotFoundAsync(async () => await _orders.CancelOrderAsync(new OrderRequest { OrderId = order.Id }, intruder));
        await NotFoundAsync(async () => await _orders.ReplaceOrderAsync(new ReplaceOrderRequest { OrderId = order.Id, Qty = "1" }, intruder));
        Assert.Empty((await _orders.GetOrdersAsync(new GetOrdersRequest { Status = "all" }, intruder)).Orders);
        Assert.Empty((await _orders.CancelAllOrdersAsync(new CancelAllOrdersRequest(), intruder)).Orders);
        Assert.Empty((await new Risk.RiskClient(server.Channel).GetPositionsAsync(new GetPositionsRequest(), intruder)).Positions);

        var untouched = await _orders.GetOrderStatusAsync(new OrderRequest { OrderId = order.Id }, owner);
        Assert.True(untouched.Status is "submitted" or "accepted", untouched.Status);
        Assert.Equal(0.01m, Money(untouched.Qty));
    }
}
