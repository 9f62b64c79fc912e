using Bourse.Data.Files;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Values;

namespace Bourse.Data.OrderBooks;

/// <summary>
/// Reads Binance depth CSV files (plain, <c>.gz</c> or a one-file <c>.zip</c>) with the header
/// <c>symbol,timestamp,first_update_id,last_update_id,side,update_type,price,qty,pu</c>: one level per row, side
/// <c>b</c> (bid) or <c>a</c> (ask), update type <c>snap</c> (a level of a full snapshot) or <c>set</c> (a level change;
/// qty 0 removes the level). <c>timestamp</c> is milliseconds since the Unix epoch (UTC); prices quote currency, qty base units.
/// Consecutive rows with the same update type and <c>last_update_id</c> form one message: a snapshot, or one diff.
/// </summary>
public static class BinanceDepthReader
{
    /// <summary>The header every Binance depth file starts with.</summary>
    public const string Header = "symbol,timestamp,first_update_id,last_update_id,side,update_type,price,qty,pu";

    private const int FieldCount = 9;

    /// <summary>Reads the messages in file order, streaming.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="instrument">The instrument; when null, <c>SYMBOL.BINANCE</c> from the rows' symbol.</param>
    /// <returns>Snapshots and deltas; the sequence of each is its <c>last_update_id</c>.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFileException">The header differs, or a row is malformed (with file and line), e.g. an
    /// unknown update type or a row whose update id goes back in time.</exception>
    public static IEnumerable<OrderBookMessage> Read(string path, InstrumentId? instrument = null)
    {
        using var reader = DataTextReader.Open(path);
        var header = reader.ReadLine() ?? throw reader.FileError("the file is empty (a header row is expected)");
        if (!string.Equals(header.Trim(), Header, StringComparison.Ordinal))
        {
            throw reader.Error($"not a Binance depth header (expected '{Header}')");
        }

        Pending? pending = null;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var row = ParseRow(reader, line, instrument);
            if (pending is { } open && (open.IsSnapshot != row.IsSnapshot || open.UpdateId != row.UpdateId))
            {
                if (row.UpdateId < open.UpdateId)
                {
                    throw reader.Error($"last_update_id {row.UpdateId} goes back from {open.UpdateId}");
                }

                yield return open.ToMessage();
                pending = null;
            }

            pending ??= new Pending(row.Instrument, row.Time, row.UpdateId, row.IsSnapshot);
            pending.Changes.Add(row.Change);
        }

        if (pending is not null)
        {
            yield return pending.ToMessage();
        }
    }

    private static Row ParseRow(DataTextReader reader, string line, InstrumentId? instrument)
    {
        var fields = line.Split(',');
        if (fields.Length != FieldCount)
        {
            throw reader.Error($"expected {FieldCount} fields, found {fields.Length}");
        }

        var isSnapshot = fields[5] switch
        {
            "snap" => true,
            "set" => false,
            _ => throw reader.Error($"update_type '{fields[5]}' is neither snap nor set"),
        };
        var id = instrument ?? BookFieldParser.Instrument(reader, fields[0], "BINANCE");
        var change = new BookLevelChange(
            BookFieldParser.Side(reader, fields[4]),
            new Price(BookFieldParser.Price(reader, fields[6], "price")),
            new Quantity(BookFieldParser.Size(reader, fields[7], "qty")));
        return new Row(id, BookFieldParser.UnixMilliseconds(reader, fields[1], "timestamp"), BookFieldParser.Integer(reader, fields[3], "last_update_id"), isSnapshot, change);
    }

    private readonly record struct Row(InstrumentId Instrument, DateTime Time, long UpdateId, bool IsSnapshot, BookLevelChange Change);

    private sealed class Pending(InstrumentId instrument, DateTime time, long updateId, bool isSnapshot)
    {
        public long UpdateId => updateId;

        public bool IsSnapshot => isSnapshot;

        public List<BookLevelChange> Changes { get; } = [];

        public OrderBookMessage ToMessage()
        {
            if (!isSnapshot)
            {
                return new OrderBookDeltas(instrument, time, updateId, Changes);
            }

            var bids = Changes.Where(c => c.Side == Side.Buy && !c.Size.IsZero).Select(c => new BookLevel(c.Price, c.Size)).ToList();
            var asks = Changes.Where(c => c.Side == Side.Sell && !c.Size.IsZero).Select(c => new BookLevel(c.Price, c.Size)).ToList();
            return new OrderBookSnapshot(instrument, time, updateId, bids, asks);
        }
    }
}
