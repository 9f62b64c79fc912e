using System.IO.Compression;
using System.Text.Json;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Data.Files;

/// <summary>
/// Reads freqtrade's JSON data files (<c>.json</c> or gzip-compressed <c>.json.gz</c>):
/// <list type="bullet">
/// <item>candles: an array of <c>[open_ms, open, high, low, close, volume]</c> (<c>XRP_ETH-1m.json</c>), or pandas
/// "columns" JSON <c>{"date":{"0":ms,…},"open":{…},"high","low","close","volume"}</c>; times are the bar's open, ms UTC.</item>
/// <item>trades: an array of <c>[ms, "id", order, "buy|sell", price, amount, cost]</c> (<c>XRP_ETH-trades.json.gz</c>);
/// the side is the aggressor.</item>
/// </list>
/// Numbers are read exactly as decimals. The file is read whole (freqtrade writes whole-file JSON); errors name the
/// line and the element's index. The instrument is given, or comes from a freqtrade file name <c>BASE_QUOTE-…</c> and
/// the folder it is in (freqtrade keeps data in <c>user_data/data/&lt;exchange&gt;/</c>): <c>…/binance/XRP_ETH-1m.json</c>
/// → <c>XRPETH.BINANCE</c>. The bar period comes from the name (<c>-1m</c>, <c>-5m</c>, <c>-1h</c>, <c>-1d</c>) or,
/// failing that, from the smallest spacing between rows.
/// </summary>
public static class FreqtradeJsonReader
{
    /// <summary>The instrument a freqtrade file name implies (see the class remarks), or null.</summary>
    public static InstrumentId? InstrumentFromFileName(string path)
    {
        var name = Path.GetFileName(path);
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var venue = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)));
        if (dash <= 0 || string.IsNullOrEmpty(venue))
        {
            return null;
        }

        var pair = name[..dash].Split('_');
        return pair.Length >= 2 && InstrumentId.TryParse($"{pair[0]}{pair[1]}.{venue.Replace('.', '-')}", out var id) ? id : null;
    }

    /// <summary>The bar period a freqtrade candle file name names (<c>XRP_ETH-5m.json</c> → 5m), or null.</summary>
    public static BarPeriod? PeriodFromFileName(string path)
    {
        var parts = Path.GetFileName(path).Split('-', '.');
        foreach (var part in parts.Skip(1))
        {
            try
            {
                return BarPeriod.Parse(part);
            }
            catch (FormatException)
            {
            }
        }

        return null;
    }

    /// <summary>True when the file holds trades (an array whose elements have 7 fields with a string id); false for candles.</summary>
    /// <exception cref="DataFileException">The file is not valid JSON.</exception>
    public static bool HoldsTrades(string path)
    {
        var json = Load(path);
        var reader = new Utf8JsonReader(json);
        return reader.Read() && reader.TokenType == JsonTokenType.StartArray && reader.Read() && reader.TokenType == JsonTokenType.StartArray
            && reader.Read() && reader.Read() && reader.TokenType == JsonTokenType.String;
    }

    /// <summary>Reads candles.</summary>
    /// <param name="path">The file.</param>
    /// <param name="instrument">The instrument; required when the file name does not imply one.</param>
    /// <param name="period">The bar period; from the file name or row spacing when null.</param>
    /// <returns>The bars in time order.</returns>
    /// <exception cref="DataFileException">The instrument or period cannot be told, the JSON is malformed, or a row is invalid or out of order.</exception>
    public static IReadOnlyList<Bar> ReadCandles(string path, InstrumentId? instrument = null, BarPeriod? period = null)
    {
        var id = instrument ?? InstrumentFromFileName(path) ?? throw NoInstrument(path);
        var json = Load(path);
        var rows = new Utf8JsonReader(json) is var probe && probe.Read() && probe.TokenType == JsonTokenType.StartObject
            ? ReadColumns(path, json)
            : ReadRows(path, json, 6, (ref Utf8JsonReader r, Row row) =>
            {
                row.Time = r.GetInt64();
                return [NextDecimal(ref r, row, "open"), NextDecimal(ref r, row, "high"), NextDecimal(ref r, row, "low"), NextDecimal(ref r, row, "close"), NextDecimal(ref r, row, "volume")];
            });
        var barPeriod = period ?? PeriodFromFileName(path) ?? CsvBarReader.InferPeriod(rows.Select(r => r.Time).ToList())
            ?? throw new DataFileException(path, null, null, "cannot infer the bar period from fewer than two rows; pass the period");
        var bars = new List<Bar>(rows.Count);
        foreach (var row in rows)
        {
            var time = DateTime.UnixEpoch.AddTicks(row.Time);
            if (bars.Count > 0 && time <= bars[^1].OpenTime)
            {
                throw row.Error(path, $"time {time:O} is not after the previous row's {bars[^1].OpenTime:O}");
            }

            var v = row.Values;
            try
            {
                bars.Add(new Bar(id, barPeriod, time, v[0], v[1], v[2], v[3], v[4]).Validated());
            }
            catch (ArgumentException e)
            {
                throw row.Error(path, e.Message);
            }
        }

        return bars;
    }

    /// <summary>Reads trades.</summary>
    /// <param name="path">The file.</param>
    /// <param name="instrument">The instrument; required when the file name does not imply one.</param>
    /// <returns>The ticks in file order (non-decreasing time).</returns>
    /// <exception cref="DataFileException">The instrument cannot be told, the JSON is malformed, or a row is invalid or out of order.</exception>
    public static IReadOnlyList<TradeTick> ReadTrades(string path, InstrumentId? instrument = null)
    {
        var id = instrument ?? InstrumentFromFileName(path) ?? throw NoInstrument(path);
        var json = Load(path);
        var rows = ReadRows(path, json, 7, (ref Utf8JsonReader r, Row row) =>
        {
            row.Time = r.GetInt64();
            Next(ref r, row, "id");
            Next(ref r, row, "order");
            Next(ref r, row, "side");
            row.Side = r.TokenType == JsonTokenType.String ? r.GetString() switch { "buy" => Side.Buy, "sell" => Side.Sell, _ => null } : null;
            return [NextDecimal(ref r, row, "price"), NextDecimal(ref r, row, "amount")];
        });
        var ticks = new List<TradeTick>(rows.Count);
        foreach (var row in rows)
        {
            var time = DateTime.UnixEpoch.AddTicks(row.Time);
            if (ticks.Count > 0 && time < ticks[^1].Timestamp)
            {
                throw row.Error(path, $"time {time:O} is before the previous row's {ticks[^1].Timestamp:O}");
            }

            if (row.Values[1] < 0m)
            {
                throw row.Error(path, $"amount {row.Values[1]} is negative");
            }

            ticks.Add(new TradeTick(id, row.Values[0], row.Values[1], row.Side, time));
        }

        return ticks;
    }

    private delegate decimal[] RowParser(ref Utf8JsonReader reader, Row row);

    private static DataFileException NoInstrument(string path) =>
        new(path, null, null, "the instrument is not given and the file name does not name one (freqtrade's <exchange>/BASE_QUOTE-1m.json); pass the instrument");

    private static byte[] Load(string path)
    {
        try
        {
            if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                return File.ReadAllBytes(path);
            }

            using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            gzip.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(path, null, null, $"corrupt gzip data ({e.Message})", e);
        }
    }

    private static List<Row> ReadRows(string path, byte[] json, int width, RowParser parse)
    {
        var rows = new List<Row>();
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new DataFileException(path, null, 1, "expected a JSON array of rows");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var row = new Row(json, (int)reader.TokenStartIndex, rows.Count);
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw row.Error(path, $"expected a row array of {width} fields");
                }

                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out _))
                {
                    throw row.Error(path, "the first field is not a time in ms since the Unix epoch");
                }

                row.Values = parse(ref reader, row);
                row.Time *= TimeSpan.TicksPerMillisecond;
                var extra = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    reader.Skip();
                    extra++;
                }

                if (width == 6 && extra > 0)
                {
                    throw row.Error(path, $"expected {width} fields, found {width + extra}");
                }

                rows.Add(row);
            }
        }
        catch (JsonException e)
        {
            throw new DataFileException(path, null, (int)(e.LineNumber ?? 0) + 1, $"invalid JSON: {e.Message}", e);
        }
        catch (Row.Failure f)
        {
            throw f.Row.Error(path, f.Message);
        }

        return rows;
    }

    private static List<Row> ReadColumns(string path, byte[] json)
    {
        using var document = ParseDocument(path, json);
        string[] names = ["date", "open", "high", "low", "close", "volume"];
        var columns = new JsonElement[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            if (!document.RootElement.TryGetProperty(names[i], out columns[i]) || columns[i].ValueKind != JsonValueKind.Object)
            {
                throw new DataFileException(path, null, null, $"pandas columns JSON has no \"{names[i]}\" object");
            }
        }

        var rows = new List<Row>();
        foreach (var date in columns[0].EnumerateObject())
        {
            var row = new Row(json, 0, rows.Count);
            if (!date.Value.TryGetInt64(out var ms))
            {
                throw row.Error(path, $"date of row \"{date.Name}\" is not ms since the Unix epoch");
            }

            row.Time = ms * TimeSpan.TicksPerMillisecond;
            row.Values = new decimal[5];
            for (var i = 1; i < names.Length; i++)
            {
                row.Values[i - 1] = columns[i].TryGetProperty(date.Name, out var cell) && cell.ValueKind == JsonValueKind.Number && cell.TryGetDecimal(out var value)
                    ? value
                    : throw row.Error(path, $"{names[i]} of row \"{date.Name}\" is missing or not a number");
            }

            rows.Add(row);
        }

        return rows;
    }

    private static JsonDocument ParseDocument(string path, byte[] json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new DataFileException(path, null, (int)(e.LineNumber ?? 0) + 1, $"invalid JSON: {e.Message}", e);
        }
    }

    private static void Next(ref Utf8JsonReader reader, Row row, string name)
    {
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            throw new Row.Failure(row, $"the row ends before its {name} field");
        }

        reader.Skip();
    }

    private static decimal NextDecimal(ref Utf8JsonReader reader, Row row, string name)
    {
        Next(ref reader, row, name);
        return reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value)
            ? value
            : throw new Row.Failure(row, $"{name} is not a number");
    }

    /// <summary>One parsed row and where it starts, for error messages.</summary>
    private sealed class Row(byte[] json, int offset, int index)
    {
        public long Time { get; set; }

        public decimal[] Values { get; set; } = [];

        public Side? Side { get; set; }

        public DataFileException Error(string path, string problem)
        {
            var line = 1 + json.AsSpan(0, offset).Count((byte)'\n');
            return new DataFileException(path, null, line, $"row {index}: {problem}");
        }

        public sealed class Failure(Row row, string message) : Exception(message)
        {
            public Row Row { get; } = row;
        }
    }
}
