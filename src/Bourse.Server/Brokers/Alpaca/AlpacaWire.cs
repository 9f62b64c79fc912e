using System.Text.Json;
using System.Text.Json.Serialization;
using Bourse.Server.Alpaca;

namespace Bourse.Server.Brokers.Alpaca;

/// <summary>
/// The fields of Alpaca's order object the execution client reads (<c>POST/GET/PATCH /v2/orders</c>, and the <c>order</c>
/// of a trade update). Quantities in base units and prices in quote currency, as decimal strings (numbers accepted).
/// </summary>
public sealed record AlpacaOrder(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("client_order_id")] string ClientOrderId,
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("side")] string Side,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("qty"), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? Quantity,
    [property: JsonPropertyName("filled_qty"), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? FilledQuantity,
    [property: JsonPropertyName("filled_avg_price"), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? FilledAveragePrice,
    [property: JsonPropertyName("limit_price"), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? LimitPrice,
    [property: JsonPropertyName("stop_price"), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? StopPrice,
    [property: JsonPropertyName("commission"), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? Commission = null,
    [property: JsonPropertyName("replaces")] string? Replaces = null);

/// <summary>
/// One message of the <c>trade_updates</c> stream's <c>data</c>: the event (new, fill, partial_fill, canceled, expired,
/// replaced, rejected, order_replace_rejected, order_cancel_rejected, …), the order as it stands after it, and for a fill
/// the execution's price and quantity.
/// </summary>
public sealed record AlpacaTradeUpdate(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("order")] AlpacaOrder Order,
    [property: JsonPropertyName("price"), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? Price = null,
    [property: JsonPropertyName("qty"), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? Quantity = null);

/// <summary>The body of <c>POST /v2/orders</c> the client sends; decimals as strings, absent fields left out.</summary>
public sealed record AlpacaNewOrder(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("qty"), JsonConverter(typeof(AlpacaDecimalConverter))] decimal Quantity,
    [property: JsonPropertyName("side")] string Side,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("time_in_force")] string TimeInForce,
    [property: JsonPropertyName("limit_price"), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? LimitPrice,
    [property: JsonPropertyName("stop_price"), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? StopPrice,
    [property: JsonPropertyName("trail_price"), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? TrailPrice,
    [property: JsonPropertyName("trail_percent"), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? TrailPercent,
    [property: JsonPropertyName("client_order_id")] string ClientOrderId);

/// <summary>
/// The body of <c>PATCH /v2/orders/{id}</c>: the new total quantity and prices (absent: unchanged). No client order id:
/// Alpaca names the replacement itself (a new order whose <c>replaces</c> is the old id), Bourse keeps the order's.
/// </summary>
public sealed record AlpacaOrderReplacement(
    [property: JsonPropertyName("qty"), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? Quantity,
    [property: JsonPropertyName("limit_price"), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? LimitPrice,
    [property: JsonPropertyName("stop_price"), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? StopPrice);

/// <summary>The fields of Alpaca's position object the client reads: the symbol and the signed quantity (negative, or side "short", for a short).</summary>
public sealed record AlpacaPosition(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("qty"), JsonConverter(typeof(AlpacaDecimalConverter))] decimal Quantity,
    [property: JsonPropertyName("side")] string? Side)
{
    /// <summary>The net quantity, negative for a short whatever the sign the API wrote.</summary>
    public decimal NetQuantity => Side == "short" ? -Math.Abs(Quantity) : Quantity;
}

/// <summary>The JSON options of the client's bodies: nulls left out.</summary>
public static class AlpacaJson
{
    /// <summary>Web defaults, nulls not written.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The message of an Alpaca error body (<c>{"code", "message"}</c>), else the body itself, else the HTTP status.</summary>
    public static string ErrorMessage(int status, string body)
    {
        try
        {
            if (JsonSerializer.Deserialize<AlpacaError>(body, Options) is { Message: { Length: > 0 } message })
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // not Alpaca's error form: the body as it is
        }

        return string.IsNullOrWhiteSpace(body) ? $"HTTP {status}" : body.Trim();
    }
}
