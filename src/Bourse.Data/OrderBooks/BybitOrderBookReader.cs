using System.Text.Json;
using Bourse.Data.Files;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Values;

namespace Bourse.Data.OrderBooks;

/// <summary>
/// Reads Bybit order-book JSON lines (as recorded from the v5 <c>orderbook.N.SYMBOL</c> stream; plain, <c>.gz</c> or a
/// one-file <c>.zip</c>): one object per line,
/// <c>{"topic":…,"type":"snapshot"|"delta","ts":ms,"data":{"s":symbol,"b":[[price,size]…],"a":[[price,size]…],"u":updateId,"seq":…},"cts":…}</c>.
/// Prices (quote currency) and sizes (base units) are strings; in a delta, size "0" deletes the level. <c>ts</c> is
/// milliseconds since the Unix epoch (UTC).
/// </summary>
public static class BybitOrderBookReader
{
    /// <summary>Reads the messages in file order, streaming.</summary>
    /// <param name="path">The JSON lines file.</param>
    /// <param name="instrument">The instrument; when null, <c>SYMBOL.BYBIT</c> from <c>data.s</c>.</param>
    /// <returns>Snapshots and deltas; the sequence of each is its update id <c>data.u</c>.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFileException">A line is not valid JSON or lacks a field, or a value is malformed (with file and line).</exception>
    public static IEnumerable<OrderBookMessage> Read(string path, InstrumentId? instrument = null)
    {
        using var reader = DataTextReader.Open(path);
        while (reader.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return ParseLine(reader, line, instrument);
            }
        }
    }

    private static OrderBookMessage ParseLine(DataTextReader reader, string line, InstrumentId? instrument)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw reader.Error($"not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            var type = Text(reader, Member(reader, root, "type"), "type");
            var time = BookFieldParser.UnixMilliseconds(reader, Member(reader, root, "ts").GetRawText(), "ts");
            var data = Member(reader, root, "data");
            var id = instrument ?? BookFieldParser.Instrument(reader, Text(reader, Member(reader, data, "s"), "data.s"), "BYBIT");
            var sequence = BookFieldParser.Integer(reader, Member(reader, data, "u").GetRawText(), "data.u");
            var bids = Levels(reader, data, "b");
            var asks = Levels(reader, data, "a");
            return type switch
            {
                "snapshot" => new OrderBookSnapshot(id, time, sequence, bids, asks),
                "delta" => new OrderBookDeltas(id, time, sequence,
                    [.. bids.Select(l => new BookLevelChange(Side.Buy, l.Price, l.Size)), .. asks.Select(l => new BookLevelChange(Side.Sell, l.Price, l.Size))]),
                _ => throw reader.Error($"type '{type}' is neither snapshot nor delta"),
            };
        }
    }

    private static List<BookLevel> Levels(DataTextReader reader, JsonElement data, string name)
    {
        var array = Member(reader, data, name);
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw reader.Error($"data.{name} is not an array");
        }

        var levels = new List<BookLevel>(array.GetArrayLength());
        var index = 0;
        foreach (var level in array.EnumerateArray())
        {
            var field = $"data.{name}[{index++}]";
            if (level.ValueKind != JsonValueKind.Array || level.GetArrayLength() != 2)
            {
                throw reader.Error($"{field} is not a [price, size] pair");
            }

            var price = BookFieldParser.Price(reader, Text(reader, level[0], field + " price"), field + " price");
            var size = BookFieldParser.Size(reader, Text(reader, level[1], field + " size"), field + " size");
            levels.Add(new BookLevel(new Price(price), new Quantity(size)));
        }

        return levels;
    }

    private static JsonElement Member(DataTextReader reader, JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw reader.Error($"the field '{name}' is missing");

    private static string Text(DataTextReader reader, JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw reader.Error($"{field} is not a string");
}
