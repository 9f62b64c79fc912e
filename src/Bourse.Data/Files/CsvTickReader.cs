using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Data.Files;

/// <summary>
/// Reads generic tick CSV files (<c>.csv</c>, <c>.csv.gz</c>) with a header row, streaming, laid out as a
/// <see cref="CsvFormat"/> says (times as in <see cref="CsvBarReader"/>; rows in non-decreasing time):
/// <list type="bullet">
/// <item>trades: time, <c>price</c>, <c>size</c> (or <c>amount</c>, <c>quantity</c>, <c>qty</c>, <c>volume</c>), optional
/// <c>side</c> (<c>buy</c>/<c>sell</c>: the aggressor);</item>
/// <item>quotes: time, <c>bid</c>, <c>ask</c>, optional <c>bid_size</c> and <c>ask_size</c> (0 when absent, as in TrueFX's
/// <c>timestamp,bid,ask</c> files).</item>
/// </list>
/// </summary>
public static class CsvTickReader
{
    /// <summary>Reads trade ticks.</summary>
    /// <param name="path">The file.</param>
    /// <param name="instrument">The instrument; when null it is taken from a file name such as <c>BTCUSDT.BINANCE.csv</c>.</param>
    /// <param name="format">The layout; <see cref="CsvFormat.Default"/> when null.</param>
    /// <exception cref="DataFileException">The instrument cannot be told, the header lacks a column, or a row is malformed or out of order.</exception>
    public static IEnumerable<TradeTick> ReadTrades(string path, InstrumentId? instrument = null, CsvFormat? format = null)
    {
        format ??= CsvFormat.Default;
        var id = Instrument(path, instrument);
        var c = format.TradeColumns;
        return Read(path, format, [c.Price, $"{c.Size}|amount|quantity|qty|volume"], [c.Side], (file, fields, columns, time) => new TradeTick(
            id,
            CsvRows.Number(file, fields[columns[1]], "price"),
            CsvRows.Quantity(file, fields[columns[2]], "size"),
            columns[3] >= 0 ? fields[columns[3]].ToLowerInvariant() switch { "buy" or "b" => Side.Buy, "sell" or "s" => Side.Sell, _ => null } : null,
            time));
    }

    /// <summary>Reads quote ticks.</summary>
    /// <param name="path">The file.</param>
    /// <param name="instrument">The instrument; when null it is taken from a file name such as <c>USDJPY.TRUEFX.csv</c>.</param>
    /// <param name="format">The layout; <see cref="CsvFormat.Default"/> when null.</param>
    /// <exception cref="DataFileException">The instrument cannot be told, the header lacks a column, or a row is malformed or out of order.</exception>
    public static IEnumerable<QuoteTick> ReadQuotes(string path, InstrumentId? instrument = null, CsvFormat? format = null)
    {
        format ??= CsvFormat.Default;
        var id = Instrument(path, instrument);
        var c = format.QuoteColumns;
        return Read(path, format, [c.Bid, c.Ask], [c.BidSize, c.AskSize], (file, fields, columns, time) => new QuoteTick(
            id,
            CsvRows.Number(file, fields[columns[1]], "bid"),
            CsvRows.Number(file, fields[columns[2]], "ask"),
            columns[3] >= 0 ? CsvRows.Quantity(file, fields[columns[3]], "bid size") : 0m,
            columns[4] >= 0 ? CsvRows.Quantity(file, fields[columns[4]], "ask size") : 0m,
            time));
    }

    /// <summary>True when the file's header has a time column and bid and ask columns (a quote file).</summary>
    public static bool HasQuoteHeader(string header) =>
        CsvColumns.Parse(header) is var columns && columns.Find([.. CsvBarReader.TimeColumns]) >= 0 && columns.HasAll("bid", "ask");

    /// <summary>True when the file's header has a time column, a price column and a size column (a trade file).</summary>
    public static bool HasTradeHeader(string header) =>
        CsvColumns.Parse(header) is var columns && columns.Find([.. CsvBarReader.TimeColumns]) >= 0 && columns.HasAll("price")
            && columns.Find("size", "amount", "quantity", "qty", "volume") >= 0;

    private static InstrumentId Instrument(string path, InstrumentId? instrument) =>
        instrument ?? CsvBarReader.InstrumentFromFileName(path)
            ?? throw new DataFileException(path, null, null, "the instrument is not given and the file name does not name one (name the file like USDJPY.TRUEFX.csv or pass the instrument)");

    private static IEnumerable<T> Read<T>(string path, CsvFormat format, string[] required, string[] optional, Func<DataTextReader, string[], int[], DateTime, T> parse)
    {
        using var file = DataTextReader.Open(path, format.Encoding);
        var header = CsvRows.ReadHeader(file, format);
        int[] columns = [.. CsvRows.Require(file, header, [format.TimeColumn ?? string.Join('|', CsvBarReader.TimeColumns), .. required]), .. optional.Select(o => header.Find(o))];
        DateTime? previous = null;
        foreach (var fields in CsvRows.Read(file, header))
        {
            var time = CsvRows.Time(file, format, fields[columns[0]]);
            LeanBarReader.CheckOrder(file, time, ref previous, strictly: false);
            yield return parse(file, fields, columns, time);
        }
    }
}
