using Bourse.Data.Files;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Values;

namespace Bourse.Data.OrderBooks;

/// <summary>
/// Reads Tardis.dev <c>book_snapshot_N</c> CSV files (plain, <c>.gz</c> or a one-file <c>.zip</c>): a header
/// <c>exchange,symbol,timestamp,local_timestamp,asks[0].price,asks[0].amount,bids[0].price,bids[0].amount,…</c>, then one
/// snapshot of the top N levels per row. <c>timestamp</c> is the exchange time in microseconds since the Unix epoch (UTC);
/// prices are quote currency, amounts base units. An empty level (the book had fewer than N levels) is skipped.
/// </summary>
public static class TardisBookSnapshotReader
{
    private static readonly string[] Leading = ["exchange", "symbol", "timestamp", "local_timestamp"];

    /// <summary>Reads the snapshots in file order, streaming.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="instrument">The instrument; when null, <c>SYMBOL.EXCHANGE</c> of each row (e.g. <c>BTCUSDT.BINANCE-FUTURES</c>).</param>
    /// <returns>One snapshot per row; sequence numbers are the 1-based row numbers (Tardis writes none).</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFileException">The header is not a book snapshot header, or a row is malformed (with file and line).</exception>
    public static IEnumerable<OrderBookSnapshot> Read(string path, InstrumentId? instrument = null)
    {
        using var reader = DataTextReader.Open(path);
        var header = reader.ReadLine() ?? throw reader.FileError("the file is empty (a header row is expected)");
        var columns = header.Split(',');
        var levels = LevelCount(reader, columns);
        var row = 0L;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != columns.Length)
            {
                throw reader.Error($"expected {columns.Length} fields, found {fields.Length}");
            }

            var id = instrument ?? BookFieldParser.Instrument(reader, fields[1], fields[0]);
            var time = BookFieldParser.UnixMicroseconds(reader, fields[2], "timestamp");
            var asks = new List<BookLevel>(levels);
            var bids = new List<BookLevel>(levels);
            for (var i = 0; i < levels; i++)
            {
                AddLevel(reader, fields, 4 + (4 * i), $"asks[{i}]", asks);
                AddLevel(reader, fields, 6 + (4 * i), $"bids[{i}]", bids);
            }

            yield return new OrderBookSnapshot(id, time, ++row, bids, asks);
        }
    }

    private static int LevelCount(DataTextReader reader, string[] columns)
    {
        var levels = (columns.Length - Leading.Length) / 4;
        var expected = Leading.Concat(Enumerable.Range(0, levels).SelectMany(i => new[]
            { $"asks[{i}].price", $"asks[{i}].amount", $"bids[{i}].price", $"bids[{i}].amount" })).ToArray();
        if (levels == 0 || !expected.SequenceEqual(columns, StringComparer.Ordinal))
        {
            throw reader.Error($"not a Tardis book snapshot header (expected {string.Join(',', expected.Take(8))},…)");
        }

        return levels;
    }

    private static void AddLevel(DataTextReader reader, string[] fields, int at, string name, List<BookLevel> levels)
    {
        if (fields[at].Length == 0 && fields[at + 1].Length == 0)
        {
            return;
        }

        var price = BookFieldParser.Price(reader, fields[at], $"{name}.price");
        var size = BookFieldParser.Size(reader, fields[at + 1], $"{name}.amount");
        levels.Add(new BookLevel(new Price(price), new Quantity(size)));
    }
}
