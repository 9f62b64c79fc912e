using System.Globalization;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Data.Files;

/// <summary>
/// Reads Tardis.dev CSV files (<c>.csv</c> or <c>.csv.gz</c>, with a header), streaming:
/// <list type="bullet">
/// <item>trades: <c>exchange,symbol,timestamp,local_timestamp,id,side,price,amount</c>; side is the aggressor
/// (<c>buy</c>, <c>sell</c>, anything else unknown).</item>
/// <item>quotes (top of book): <c>exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount</c>.</item>
/// </list>
/// Columns are found by name. <c>timestamp</c> (the exchange's time, µs since the Unix epoch, UTC) stamps the tick.
/// The instrument is <c>SYMBOL.EXCHANGE</c> upper-cased (<c>BTCUSDT.BINANCE-FUTURES</c>) unless one is given.
/// </summary>
public static class TardisCsvReader
{
    private static readonly string[] TradeColumns = ["exchange", "symbol", "timestamp", "side", "price", "amount"];
    private static readonly string[] QuoteColumns = ["exchange", "symbol", "timestamp", "ask_amount", "ask_price", "bid_price", "bid_amount"];

    /// <summary>True when the header line is a Tardis trades header.</summary>
    public static bool IsTradesHeader(string header) => CsvColumns.Parse(header).HasAll(TradeColumns);

    /// <summary>True when the header line is a Tardis quotes header.</summary>
    public static bool IsQuotesHeader(string header) => CsvColumns.Parse(header).HasAll(QuoteColumns);

    /// <summary>Reads Tardis trades.</summary>
    /// <param name="path">The file.</param>
    /// <param name="instrument">Stamps every tick with this id instead of SYMBOL.EXCHANGE from the rows.</param>
    /// <returns>The ticks in file order, which must be non-decreasing in time.</returns>
    /// <exception cref="DataFileException">The header lacks a column, or a row is malformed or out of order.</exception>
    public static IEnumerable<TradeTick> ReadTrades(string path, InstrumentId? instrument = null) =>
        Read(path, TradeColumns, instrument, (file, fields, columns, id, time) => new TradeTick(
            id,
            CsvRows.Number(file, fields[columns[4]], "price"),
            CsvRows.Quantity(file, fields[columns[5]], "amount"),
            fields[columns[3]] switch { "buy" => Side.Buy, "sell" => Side.Sell, _ => null },
            time));

    /// <summary>Reads Tardis quotes (best bid and ask).</summary>
    /// <param name="path">The file.</param>
    /// <param name="instrument">Stamps every tick with this id instead of SYMBOL.EXCHANGE from the rows.</param>
    /// <returns>The quotes in file order, which must be non-decreasing in time.</returns>
    /// <exception cref="DataFileException">The header lacks a column, or a row is malformed or out of order.</exception>
    public static IEnumerable<QuoteTick> ReadQuotes(string path, InstrumentId? instrument = null) =>
        Read(path, QuoteColumns, instrument, (file, fields, columns, id, time) => new QuoteTick(
            id,
            CsvRows.Number(file, fields[columns[5]], "bid_price"),
            CsvRows.Number(file, fields[columns[4]], "ask_price"),
            CsvRows.Quantity(file, fields[columns[6]], "bid_amount"),
            CsvRows.Quantity(file, fields[columns[3]], "ask_amount"),
            time));

    private static IEnumerable<T> Read<T>(string path, string[] required, InstrumentId? instrument, Func<DataTextReader, string[], int[], InstrumentId, DateTime, T> parse)
    {
        using var file = DataTextReader.Open(path);
        var header = file.ReadLine() ?? throw file.FileError("the file is empty (a Tardis header row is expected)");
        var names = CsvColumns.Parse(header, ',');
        var columns = required.Select(c => names.Find(c)).ToArray();
        if (Array.IndexOf(columns, -1) is var missing and >= 0)
        {
            throw file.Error($"header has no {required[missing]} column (header: '{header}')");
        }

        var ids = new Dictionary<(string, string), InstrumentId>();
        DateTime? previous = null;
        while (file.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != names.Count)
            {
                throw file.Error($"expected {names.Count} fields, found {fields.Length}");
            }

            var id = instrument ?? Instrument(file, ids, fields[columns[0]], fields[columns[1]]);
            if (!long.TryParse(fields[columns[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var micros))
            {
                throw file.Error($"timestamp '{fields[columns[2]]}' is not microseconds since the Unix epoch");
            }

            var time = DateTime.UnixEpoch.AddTicks(micros * 10);
            LeanBarReader.CheckOrder(file, time, ref previous, strictly: false);
            yield return parse(file, fields, columns, id, time);
        }
    }

    private static InstrumentId Instrument(DataTextReader file, Dictionary<(string, string), InstrumentId> ids, string exchange, string symbol)
    {
        if (!ids.TryGetValue((exchange, symbol), out var id))
        {
            try
            {
                ids[(exchange, symbol)] = id = new InstrumentId(symbol, exchange.Replace('.', '-'));
            }
            catch (ArgumentException e)
            {
                throw file.Error($"symbol '{symbol}' on exchange '{exchange}' makes no instrument id: {e.Message}", e);
            }
        }

        return id;
    }
}
