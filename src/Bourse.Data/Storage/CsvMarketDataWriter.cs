using System.Globalization;
using System.Text;
using Bourse.Data.Streams;
using Bourse.Sdk.Orders;

namespace Bourse.Data.Storage;

/// <summary>
/// Writes bars, trade ticks or quote ticks as CSV with a header that <see cref="Files.CsvBarReader"/> and
/// <see cref="Files.CsvTickReader"/> read back: <c>instrument,timestamp,open,high,low,close,volume</c> (timestamp = bar
/// open), <c>instrument,timestamp,price,size,side</c>, <c>instrument,timestamp,bid,ask,bid_size,ask_size</c>. Times are
/// ISO 8601 UTC with 100 ns precision, numbers invariant-culture decimals, UTF-8 without a byte-order mark. The readers
/// ignore the instrument column (name the file <c>SYMBOL.VENUE.csv</c> to keep it).
/// </summary>
public static class CsvMarketDataWriter
{
    /// <summary>Writes <paramref name="items"/>, which must all be of one kind (bars, quotes or trades).</summary>
    /// <returns>The number of rows written.</returns>
    /// <exception cref="ArgumentException">The items mix kinds or hold quote bars.</exception>
    public static long Write(string path, IEnumerable<MarketDataItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        MarketDataKind? kind = null;
        long rows = 0;
        foreach (var item in items)
        {
            if (kind is null)
            {
                kind = item.Kind;
                writer.Write(item.Kind switch
                {
                    MarketDataKind.Bar => "instrument,timestamp,open,high,low,close,volume\n",
                    MarketDataKind.Trade => "instrument,timestamp,price,size,side\n",
                    MarketDataKind.Quote => "instrument,timestamp,bid,ask,bid_size,ask_size\n",
                    _ => throw new ArgumentException("Quote bars cannot be written as CSV; convert their trades or quotes instead.", nameof(items)),
                });
            }
            else if (item.Kind != kind)
            {
                throw new ArgumentException($"One CSV file holds one kind of rows: {kind} and {item.Kind} are mixed.", nameof(items));
            }

            writer.Write(item.Kind switch
            {
                MarketDataKind.Bar => Row(item.Instrument, item.Bar!.OpenTime, item.Bar.Open, item.Bar.High, item.Bar.Low, item.Bar.Close, item.Bar.Volume),
                MarketDataKind.Trade => Row(item.Instrument, item.Trade!.Timestamp, item.Trade.Price, item.Trade.Size) + item.Trade.Aggressor switch { Side.Buy => ",buy", Side.Sell => ",sell", _ => "," },
                _ => Row(item.Instrument, item.Quote!.Timestamp, item.Quote.Bid, item.Quote.Ask, item.Quote.BidSize, item.Quote.AskSize),
            });
            writer.Write('\n');
            rows++;
        }

        return rows;
    }

    private static string Row(Sdk.Identifiers.InstrumentId instrument, DateTime time, params ReadOnlySpan<decimal> values)
    {
        var text = new StringBuilder(96);
        text.Append(instrument.ToString()).Append(',').Append(time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        foreach (var value in values)
        {
            text.Append(',').Append(value.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
