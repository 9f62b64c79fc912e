using System.Text.Json;
using Bourse.Grpc.V1;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Server.Trading;
using Grpc.Core;
using Order = Bourse.Grpc.V1.Order;

namespace Bourse.Server.Grpc;

/// <summary>
/// The order messages of protos/bourse/v1/orders.proto and the paper account's (<see cref="BrokerAccounts"/>) in both
/// directions, shared by the Orders and Risk services. Enum values on the wire are snake_case (buy, stop_limit, partially_filled).
/// </summary>
internal static class GrpcOrders
{
    private static readonly TimeInForce[] TimesInForce = Enum.GetValues<TimeInForce>();
    private static readonly OrderType[] Types = Enum.GetValues<OrderType>();
    private static readonly OrderClass[] Classes = Enum.GetValues<OrderClass>();

    /// <summary>The request as the account's order, or INVALID_ARGUMENT naming the first field at fault (the account checks the terms' combinations).</summary>
    public static BrokerOrderRequest ToBroker(PlaceOrderRequest r)
    {
        var side = r.Side switch
        {
            "buy" => Side.Buy,
            "sell" => Side.Sell,
            _ => throw GrpcCalls.Invalid("side", $"side must be buy or sell (was '{r.Side}')."),
        };
        return new BrokerOrderRequest(
            Instrument(r.Symbol, "symbol"),
            side,
            Parse(r.Type, "type", Types, null),
            GrpcCalls.Decimal(r.Qty, "qty"),
            GrpcCalls.Decimal(r.Notional, "notional"),
            Parse(r.TimeInForce, "time_in_force", TimesInForce, TimeInForce.Day),
            GrpcCalls.Decimal(r.LimitPrice, "limit_price"),
            GrpcCalls.Decimal(r.StopPrice, "stop_price"),
            GrpcCalls.Decimal(r.TrailPrice, "trail_price"),
            GrpcCalls.Decimal(r.TrailPercent, "trail_percent"),
            r.ClientOrderId.Length == 0 ? null : r.ClientOrderId,
            Parse(r.OrderClass, "order_class", Classes, OrderClass.Simple),
            GrpcCalls.Decimal(r.TakeProfit?.LimitPrice, "take_profit.limit_price"),
            GrpcCalls.Decimal(r.StopLoss?.StopPrice, "stop_loss.stop_price"),
            GrpcCalls.Decimal(r.StopLoss?.LimitPrice, "stop_loss.limit_price"),
            ExpireTime: r.ExpireTime?.ToDateTime());
    }

    /// <summary>An instrument id field, or INVALID_ARGUMENT naming it.</summary>
    public static InstrumentId Instrument(string symbol, string field) =>
        InstrumentId.TryParse(symbol, out var id) ? id
        : throw GrpcCalls.Invalid(field, $"'{symbol}' is not an instrument id of the form SYMBOL.VENUE (e.g. BTCUSD.COINBASE).");

    /// <summary>A refusal as a status: NOT_FOUND, ALREADY_EXISTS (client_order_id), FAILED_PRECONDITION (buying power, not open), PERMISSION_DENIED (the account configuration forbids it) or INVALID_ARGUMENT.</summary>
    public static RpcException Refused(BrokerError error) => GrpcCalls.Failure(
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

    /// <summary>A snake_case enum value on the wire.</summary>
    public static string Wire<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>An order with its legs on the wire.</summary>
    public static Order ToWire(BrokerOrder o)
    {
        var order = new Order
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
            OrderClass = Wire(o.Class),
            TrailPrice = o.TrailingOffsetType == TrailingOffsetType.Price ? o.TrailingOffset?.Wire() ?? "" : "",
            TrailPercent = o.TrailingOffsetType == TrailingOffsetType.Percent ? o.TrailingOffset?.Wire() ?? "" : "",
        };
        order.Legs.AddRange(o.Legs.Select(ToWire));
        return order;
    }

    /// <summary>A snake_case enum field (empty: <paramref name="empty"/>, or required when null), or INVALID_ARGUMENT naming it.</summary>
    private static T Parse<T>(string text, string field, T[] values, T? empty) where T : struct, Enum
    {
        if (text.Length == 0 && empty is { } fallback)
        {
            return fallback;
        }

        foreach (var value in values)
        {
            if (Wire(value) == text)
            {
                return value;
            }
        }

        throw GrpcCalls.Invalid(field, $"{field} must be one of {string.Join(", ", values.Select(Wire))} (was '{text}').");
    }
}
