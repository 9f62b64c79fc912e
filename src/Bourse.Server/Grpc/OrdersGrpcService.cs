using System.Text.Json;
using Bourse.Grpc.V1;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Server.Trading;
using Grpc.Core;
using Order = Bourse.Grpc.V1.Order;
using OrderRequest = Bourse.Grpc.V1.OrderRequest;

namespace Bourse.Server.Grpc;

/// <summary>
/// <c>bourse.v1.Orders</c>: simple orders of the caller's paper brokerage account through <see cref="BrokerAccounts"/>
/// (the account <c>/v2/orders</c> trades in). Enum values on the wire are snake_case (buy, stop_limit, partially_filled).
/// A refusal maps to a status code naming the field at fault (<see cref="Refused"/>).
/// </summary>
internal sealed class OrdersGrpcService(BrokerAccounts accounts) : Orders.OrdersBase
{
    private static readonly TimeInForce[] TimesInForce = [TimeInForce.Gtc, TimeInForce.Day, TimeInForce.Ioc, TimeInForce.Fok];
    private static readonly OrderType[] Types = [OrderType.Market, OrderType.Limit, OrderType.Stop, OrderType.StopLimit];

    public override async Task<Order> PlaceOrder(PlaceOrderRequest request, ServerCallContext context)
    {
        var user = context.Trader();
        var order = ToBroker(request);
        var account = await accounts.GetOrCreateAsync(user, context.CancellationToken);
        var outcome = await accounts.SubmitAsync(account, order, context.CancellationToken);
        return outcome.Error is { } error ? throw Refused(error) : ToWire(outcome.Order!);
    }

    public override async Task<Order> CancelOrder(OrderRequest request, ServerCallContext context)
    {
        var user = context.Trader();
        var id = GrpcCalls.Id(request.OrderId, "order_id");
        var account = await accounts.GetOrCreateAsync(user, context.CancellationToken);
        var outcome = await accounts.CancelAsync(account, id, context.CancellationToken);
        if (outcome.Error is { } error)
        {
            throw Refused(error with { Field = "order_id" });
        }

        return ToWire(await accounts.OrderAsync(account, id, context.CancellationToken) ?? outcome.Order!);
    }

    public override async Task<Order> GetOrderStatus(OrderRequest request, ServerCallContext context)
    {
        var user = context.Caller();
        var id = GrpcCalls.Id(request.OrderId, "order_id");
        var account = await accounts.GetOrCreateAsync(user, context.CancellationToken);
        return ToWire(await accounts.OrderAsync(account, id, context.CancellationToken) ?? throw GrpcCalls.NotFound("order", "order_id", id));
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

        var instruments = request.Symbols.Select(s => Instrument(s, "symbols")).ToList();
        var account = await accounts.GetOrCreateAsync(user, context.CancellationToken);
        var orders = await accounts.OrdersAsync(account, new BrokerOrderQuery(open, limit, Instruments: instruments), context.CancellationToken);
        var response = new GetOrdersResponse();
        response.Orders.AddRange(orders.Select(ToWire));
        return response;
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
                        Order = ToWire(update.Order),
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

    /// <summary>The request as the account's order, or INVALID_ARGUMENT naming the first field at fault.</summary>
    private static BrokerOrderRequest ToBroker(PlaceOrderRequest r)
    {
        var instrument = Instrument(r.Symbol, "symbol");
        var side = r.Side switch
        {
            "buy" => Side.Buy,
            "sell" => Side.Sell,
            _ => throw GrpcCalls.Invalid("side", $"side must be buy or sell (was '{r.Side}')."),
        };
        var type = Types.FirstOrDefault(t => Wire(t) == r.Type, (OrderType)(-1));
        if (!Enum.IsDefined(type))
        {
            throw GrpcCalls.Invalid("type", $"type must be one of {string.Join(", ", Types.Select(t => Wire(t)))} (was '{r.Type}').");
        }

        var timeInForce = r.TimeInForce.Length == 0 ? TimeInForce.Day : TimesInForce.FirstOrDefault(t => Wire(t) == r.TimeInForce, (TimeInForce)(-1));
        if (!Enum.IsDefined(timeInForce))
        {
            throw GrpcCalls.Invalid("time_in_force", $"time_in_force must be one of {string.Join(", ", TimesInForce.Select(t => Wire(t)))} (was '{r.TimeInForce}').");
        }

        var qty = GrpcCalls.Decimal(r.Qty, "qty");
        var notional = GrpcCalls.Decimal(r.Notional, "notional");
        if (qty is null == notional is null)
        {
            throw GrpcCalls.Invalid("qty", "give exactly one of qty and notional.");
        }

        if (qty <= 0 || notional <= 0)
        {
            throw GrpcCalls.Invalid(qty is null ? "notional" : "qty", "must be greater than zero.");
        }

        var limit = Price(r.LimitPrice, "limit_price", type is OrderType.Limit or OrderType.StopLimit);
        var stop = Price(r.StopPrice, "stop_price", type is OrderType.Stop or OrderType.StopLimit);
        if (r.ClientOrderId.Length > 48)
        {
            throw GrpcCalls.Invalid("client_order_id", "client_order_id must be at most 48 characters.");
        }

        return new BrokerOrderRequest(instrument, side, type, qty, notional, timeInForce, limit, stop, ClientOrderId: r.ClientOrderId.Length == 0 ? null : r.ClientOrderId);
    }

    /// <summary>A price the order type requires (greater than zero) or must not have.</summary>
    private static decimal? Price(string text, string field, bool required)
    {
        var price = GrpcCalls.Decimal(text, field);
        return (price, required) switch
        {
            (null, true) => throw GrpcCalls.Invalid(field, $"{field} is required for this type."),
            (not null, false) => throw GrpcCalls.Invalid(field, $"{field} is not used by this type."),
            ( <= 0, _) => throw GrpcCalls.Invalid(field, $"{field} must be greater than zero."),
            _ => price,
        };
    }

    private static InstrumentId Instrument(string symbol, string field) =>
        InstrumentId.TryParse(symbol, out var id) ? id
        : throw GrpcCalls.Invalid(field, $"'{symbol}' is not an instrument id of the form SYMBOL.VENUE (e.g. BTCUSD.COINBASE).");

    /// <summary>A refusal as a status: NOT_FOUND, ALREADY_EXISTS (client_order_id), FAILED_PRECONDITION (buying power, not open), PERMISSION_DENIED (the account configuration forbids it) or INVALID_ARGUMENT.</summary>
    private static RpcException Refused(BrokerError error) => GrpcCalls.Failure(
        error.Kind switch
        {
            BrokerErrorKind.NotFound => StatusCode.NotFound,
            BrokerErrorKind.Duplicate => StatusCode.AlreadyExists,
            BrokerErrorKind.InsufficientBuyingPower or BrokerErrorKind.NotOpen => StatusCode.FailedPrecondition,
            BrokerErrorKind.NotAllowed => StatusCode.PermissionDenied,
            _ => StatusCode.InvalidArgument,
        },
        error.Field ?? (error.Kind == BrokerErrorKind.InsufficientBuyingPower ? "qty" : "order"),
        error.Message);

    private static string Wire<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static Order ToWire(BrokerOrder o) => new()
    {
        Id = o.Id.ToString(),
        ClientOrderId = o.ClientOrderId,
        Symbol = o.Instrument.ToString(),
        Side = Wire(o.Side),
        Type = Wire(o.Type),
        TimeInForce = Wire(o.TimeInForce),
        Qty = o.Quantity.Wire(),
        FilledQty = o.FilledQuantity.Wire(),
        FilledAvgPrice = o.AverageFillPrice?.Wire() ?? "",
        LimitPrice = o.LimitPrice?.Wire() ?? "",
        StopPrice = o.StopPrice?.Wire() ?? "",
        Status = Wire(o.Status),
        Reason = o.Reason ?? "",
        CreatedAt = o.CreatedAt.Wire(),
        UpdatedAt = o.UpdatedAt.Wire(),
    };
}
