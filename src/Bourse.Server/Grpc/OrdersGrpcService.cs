using Bourse.Grpc.V1;
using Bourse.Server.Trading;
using Grpc.Core;
using Order = Bourse.Grpc.V1.Order;
using OrderRequest = Bourse.Grpc.V1.OrderRequest;

namespace Bourse.Server.Grpc;

/// <summary>
/// <c>bourse.v1.Orders</c>: the orders of the caller's paper brokerage account through <see cref="BrokerAccounts"/> (the
/// account <c>/v2/orders</c> trades in): simple orders and order lists (bracket, OCO, OTO), replace, cancel, cancel all,
/// look-ups by id and client order id, and the account's order updates. Messages map through <see cref="GrpcOrders"/>; a
/// refusal maps to a status code naming the field at fault (<see cref="GrpcOrders.Refused"/>).
/// </summary>
internal sealed class OrdersGrpcService(BrokerAccounts accounts) : Orders.OrdersBase
{
    public override async Task<Order> PlaceOrder(PlaceOrderRequest request, ServerCallContext context)
    {
        var user = context.Trader();
        var order = GrpcOrders.ToBroker(request);
        var account = await accounts.GetOrCreateAsync(user, context.CancellationToken);
        var outcome = await accounts.SubmitAsync(account, order, context.CancellationToken);
        return outcome.Error is { } error ? throw GrpcOrders.Refused(error) : GrpcOrders.ToWire(outcome.Order!);
    }

    public override async Task<Order> ReplaceOrder(ReplaceOrderRequest request, ServerCallContext context)
    {
        var user = context.Trader();
        var id = GrpcCalls.Id(request.OrderId, "order_id");
        var qty = GrpcCalls.Decimal(request.Qty, "qty");
        var limit = GrpcCalls.Decimal(request.LimitPrice, "limit_price");
        var stop = GrpcCalls.Decimal(request.StopPrice, "stop_price");
        if ((qty, limit, stop) == (null, null, null))
        {
            throw GrpcCalls.Invalid("qty", "give at least one of qty, limit_price and stop_price.");
        }

        var account = await accounts.GetOrCreateAsync(user, context.CancellationToken);
        var outcome = await accounts.ReplaceAsync(account, id, qty, limit, stop, context.CancellationToken);
        return outcome.Error is { } error ? throw GrpcOrders.Refused(error.Kind == BrokerErrorKind.NotFound ? error with { Field = "order_id" } : error) : GrpcOrders.ToWire(outcome.Order!);
    }

    public override async Task<Order> CancelOrder(OrderRequest request, ServerCallContext context)
    {
        var user = context.Trader();
        var id = GrpcCalls.Id(request.OrderId, "order_id");
        var account = await accounts.GetOrCreateAsync(user, context.CancellationToken);
        var outcome = await accounts.CancelAsync(account, id, context.CancellationToken);
        if (outcome.Error is { } error)
        {
            throw GrpcOrders.Refused(error with { Field = "order_id" });
        }

        return GrpcOrders.ToWire(await accounts.OrderAsync(account, id, context.CancellationToken) ?? outcome.Order!);
    }

    public override async Task<GetOrdersResponse> CancelAllOrders(CancelAllOrdersRequest request, ServerCallContext context)
    {
        var user = context.Trader();
        var instrument = request.Symbol.Length == 0 ? (Bourse.Sdk.Identifiers.InstrumentId?)null : GrpcOrders.Instrument(request.Symbol, "symbol");
        var account = await accounts.GetOrCreateAsync(user, context.CancellationToken);
        return Response(await accounts.CancelAllAsync(account, instrument, context.CancellationToken));
    }

    public override async Task<Order> GetOrderStatus(OrderRequest request, ServerCallContext context)
    {
        var user = context.Caller();
        var id = GrpcCalls.Id(request.OrderId, "order_id");
        var account = await accounts.GetOrCreateAsync(user, context.CancellationToken);
        return GrpcOrders.ToWire(await accounts.OrderAsync(account, id, context.CancellationToken) ?? throw GrpcCalls.NotFound("order", "order_id", id));
    }

    public override async Task<Order> GetOrderByClientOrderId(ClientOrderIdRequest request, ServerCallContext context)
    {
        var user = context.Caller();
        if (request.ClientOrderId.Length == 0)
        {
            throw GrpcCalls.Invalid("client_order_id", "client_order_id is required.");
        }

        var account = await accounts.GetOrCreateAsync(user, context.CancellationToken);
        return GrpcOrders.ToWire(await accounts.OrderByClientIdAsync(account, request.ClientOrderId, context.CancellationToken)
            ?? throw GrpcCalls.Failure(StatusCode.NotFound, "client_order_id", $"No order has the client_order_id {request.ClientOrderId}."));
    }

    public override async Task<GetOrdersResponse> GetOrders(GetOrdersRequest request, ServerCallContext context)
    {
        var user = context.Caller();
        bool? open = request.Status switch
        {
            "" or "open" => true,
            "closed" => false,
            "all" => null,
            _ => throw GrpcCalls.Invalid("status", $"status must be open, closed or all (was '{request.Status}')."),
        };
        var limit = request.Limit == 0 ? 50 : request.Limit;
        if (limit is < 1 or > 500)
        {
            throw GrpcCalls.Invalid("limit", $"limit must be within 1..500 (was {limit}).");
        }

        var instruments = request.Symbols.Select(s => GrpcOrders.Instrument(s, "symbols")).ToList();
        var account = await accounts.GetOrCreateAsync(user, context.CancellationToken);
        return Response(await accounts.OrdersAsync(account, new BrokerOrderQuery(open, limit, Nested: request.Nested, Instruments: instruments), context.CancellationToken));
    }

    public override async Task SubscribeOrderUpdates(SubscribeOrderUpdatesRequest request, IServerStreamWriter<OrderUpdate> responseStream, ServerCallContext context)
    {
        var user = context.Caller();
        var account = await accounts.GetOrCreateAsync(user, context.CancellationToken);
        try
        {
            await foreach (var update in accounts.OrderUpdatesAsync(account, context.CancellationToken))
            {
                await responseStream.WriteAsync(
                    new OrderUpdate
                    {
                        Event = update.Event,
                        Order = GrpcOrders.ToWire(update.Order),
                        Time = update.Timestamp.Wire(),
                        Price = update.Price?.Wire() ?? "",
                        Qty = update.Quantity?.Wire() ?? "",
                        PositionQty = update.PositionQuantity.Wire(),
                    },
                    context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
        }
    }

    private static GetOrdersResponse Response(IEnumerable<BrokerOrder> orders)
    {
        var response = new GetOrdersResponse();
        response.Orders.AddRange(orders.Select(GrpcOrders.ToWire));
        return response;
    }
}
