using System.Globalization;
using System.Text;
using System.Text.Json;
using Bourse.Data.Streams;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Data.Feeds.Binance;

/// <summary>What a message from Binance's market streams is.</summary>
public enum BinanceMessageKind
{
    /// <summary>A trade (<c>&lt;symbol&gt;@trade</c>): <see cref="BinanceMessage.Item"/> holds the trade tick.</summary>
    Trade,

    /// <summary>A closed kline (<c>x</c> = true): <see cref="BinanceMessage.Item"/> holds the bar.</summary>
    Bar,

    /// <summary>An update of a kline still open (<c>x</c> = false); not a bar yet.</summary>
    KlineUpdate,

    /// <summary>The answer to a SUBSCRIBE/UNSUBSCRIBE request: <c>{"result": null, "id": 1}</c>.</summary>
    Reply,

    /// <summary>An error answer: <c>{"code": 2, "msg": "…", "id": 1}</c>.</summary>
    Error,

    /// <summary>The <c>serverShutdown</c> event: the server is about to close the connection.</summary>
    ServerShutdown,

    /// <summary>Any other stream's event (ignored by the feed).</summary>
    Other,
}

/// <summary>
/// One message of Binance's spot WebSocket market streams, parsed. Formats (Binance spot API docs, "WebSocket Streams"):
/// a combined connection wraps every event as <c>{"stream": "btcusdt@trade", "data": {…}}</c>; a trade is
/// <c>{"e":"trade","E":event ms,"s":"BTCUSDT","t":trade id,"p":"price","q":"quantity","T":trade ms,"m":buyer is maker}</c>;
/// a kline is <c>{"e":"kline","E":…,"s":…,"k":{"t":open ms,"T":close ms,"s":…,"i":"1m","o","h","l","c","v":base volume,"x":closed}}</c>.
/// Prices are in the quote currency, quantities in base units, times UTC epoch milliseconds.
/// </summary>
/// <param name="Kind">What it is.</param>
/// <param name="Item">The trade tick or bar, for <see cref="BinanceMessageKind.Trade"/> and <see cref="BinanceMessageKind.Bar"/>.</param>
/// <param name="Id">The request id of a reply or error.</param>
/// <param name="Text">The error's code and message, or the event type of <see cref="BinanceMessageKind.Other"/>.</param>
public readonly record struct BinanceMessage(BinanceMessageKind Kind, MarketDataItem Item = default, long? Id = null, string? Text = null)
{
    /// <summary>
    /// Parses one text message. A trade's aggressor is the seller when the buyer is the maker (<c>m</c> = true); a bar's
    /// open time is <c>k.t</c> and its period <c>k.i</c>; instruments are <c>SYMBOL.<paramref name="venue"/></c>.
    /// </summary>
    /// <exception cref="FormatException">The message is not JSON, or a trade or kline lacks a field or has a malformed one
    /// (the message says which field, and quotes the start of the message).</exception>
    public static BinanceMessage Parse(ReadOnlySpan<byte> utf8, string venue)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("a message must be a JSON object");
            }

            if (root.TryGetProperty("code", out var code))
            {
                return new(BinanceMessageKind.Error, Id: OptionalId(root), Text: $"{code.GetRawText()}: {(root.TryGetProperty("msg", out var msg) ? msg.GetString() : "")}");
            }

            if (root.TryGetProperty("result", out _))
            {
                return new(BinanceMessageKind.Reply, Id: OptionalId(root));
            }

            var data = root.TryGetProperty("data", out var wrapped) ? wrapped : root;
            var type = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("e", out var e) ? e.GetString() : null;
            return type switch
            {
                "trade" => new(BinanceMessageKind.Trade, MarketDataItem.Of(Trade(data, venue))),
                "kline" => Kline(data.GetProperty("k"), venue),
                "serverShutdown" => new(BinanceMessageKind.ServerShutdown),
                _ => new(BinanceMessageKind.Other, Text: type),
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            var text = Encoding.UTF8.GetString(utf8[..Math.Min(utf8.Length, 200)]);
            throw new FormatException($"Malformed Binance message ({ex.Message}): {text}", ex);
        }
    }

    private static TradeTick Trade(JsonElement data, string venue) => new(
        BinanceStreams.InstrumentOf(String(data, "s"), venue),
        Decimal(data, "p"),
        Decimal(data, "q"),
        Boolean(data, "m") ? Side.Sell : Side.Buy,
        Time(data, "T"));

    private static BinanceMessage Kline(JsonElement k, string venue)
    {
        if (!Boolean(k, "x"))
        {
            return new(BinanceMessageKind.KlineUpdate);
        }

        var bar = new Bar(
            BinanceStreams.InstrumentOf(String(k, "s"), venue),
            BinanceStreams.PeriodOf(String(k, "i")),
            Time(k, "t"),
            Decimal(k, "o"),
            Decimal(k, "h"),
            Decimal(k, "l"),
            Decimal(k, "c"),
            Decimal(k, "v"));
        return new(BinanceMessageKind.Bar, MarketDataItem.Of(bar.Validated()));
    }

    private static long? OptionalId(JsonElement root) =>
        root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetInt64() : null;

    private static JsonElement Field(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : throw new FormatException($"field '{name}' is missing");

    private static string String(JsonElement element, string name) =>
        Field(element, name).GetString() ?? throw new FormatException($"field '{name}' is null");

    private static decimal Decimal(JsonElement element, string name) =>
        decimal.TryParse(String(element, name), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"field '{name}' is not a decimal number");

    private static bool Boolean(JsonElement element, string name) => Field(element, name).GetBoolean();

    private static DateTime Time(JsonElement element, string name) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Field(element, name).GetInt64()).UtcDateTime;
}
