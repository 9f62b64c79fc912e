using Bourse.Data.Streams;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Storage;

/// <summary>
/// The data folder Bourse reads and the server replays, in Bourse Parquet files (<see cref="ParquetMarketData"/>):
/// <c>&lt;root&gt;/&lt;venue&gt;/&lt;symbol&gt;/&lt;kind&gt;/&lt;partition&gt;.parquet</c>, venue and symbol lower-cased, kind
/// <c>trades</c>, <c>quotes</c> or <c>bars-&lt;period&gt;</c> (<c>bars-1m</c>, <c>bars-1h</c>, <c>bars-1d</c>). Partitions
/// are UTC dates (<c>2013-10-07</c>) for ticks and bars shorter than an hour, UTC years (<c>2013</c>) for longer bars:
/// <c>coinbase/btcusd/bars-1m/2018-04-04.parquet</c>, <c>nasdaq/spy/trades/2013-10-07.parquet</c>.
/// Importing rows into a partition that exists replaces the rows within the imported time range (first to last
/// imported time of that partition) and keeps the others, so importing the same file twice changes nothing.
/// </summary>
public sealed class DataFolder(string root)
{
    /// <summary>The folder.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The partition file for one item (see the class remarks).</summary>
    public string PartitionOf(in MarketDataItem item)
    {
        var (kind, time, longBars) = item.Kind switch
        {
            MarketDataKind.Bar => ($"bars-{item.Bar!.Period}", item.Bar.OpenTime, item.Bar.Period.Span >= TimeSpan.FromHours(1)),
            MarketDataKind.Trade => ("trades", item.Time, false),
            MarketDataKind.Quote => ("quotes", item.Time, false),
            _ => throw new ArgumentException("Quote bars are not stored in the data folder; import their trades or quotes instead.", nameof(item)),
        };
        var partition = longBars ? time.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture) : time.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Path.Combine(Root, item.Instrument.Venue.ToLowerInvariant(), item.Instrument.Symbol.ToLowerInvariant(), kind, partition + ".parquet");
    }

    /// <summary>
    /// Imports <paramref name="items"/> (one kind, any instruments, in time order per instrument), streaming: each
    /// partition's rows are written when the next partition begins.
    /// </summary>
    /// <param name="items">The rows.</param>
    /// <param name="progress">Receives the number of rows imported so far after each partition.</param>
    /// <param name="cancellationToken">Stops between partitions.</param>
    /// <returns>The partition files written, in the order written.</returns>
    /// <exception cref="ArgumentException">The items hold quote bars.</exception>
    public async Task<IReadOnlyList<string>> ImportAsync(IEnumerable<MarketDataItem> items, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var written = new List<string>();
        var pending = new Dictionary<string, List<MarketDataItem>>(StringComparer.Ordinal);
        long rows = 0;
        foreach (var item in items)
        {
            var partition = PartitionOf(item);
            if (!pending.TryGetValue(partition, out var list))
            {
                // A new partition for this instrument and kind closes the previous one of the same folder.
                var folder = Path.GetDirectoryName(partition)!;
                foreach (var done in pending.Keys.Where(k => Path.GetDirectoryName(k) == folder).ToList())
                {
                    rows += await FlushAsync(done).ConfigureAwait(false);
                }

                pending[partition] = list = [];
            }

            list.Add(item);
        }

        foreach (var done in pending.Keys.Order(StringComparer.Ordinal).ToList())
        {
            rows += await FlushAsync(done).ConfigureAwait(false);
        }

        return written;

        async Task<long> FlushAsync(string partition)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fresh = pending[partition];
            pending.Remove(partition);
            await WritePartitionAsync(partition, fresh, cancellationToken).ConfigureAwait(false);
            written.Add(partition);
            progress?.Report(rows + fresh.Count);
            return fresh.Count;
        }
    }

    private static async Task WritePartitionAsync(string path, List<MarketDataItem> fresh, CancellationToken cancellationToken)
    {
        var (from, to) = (fresh.Min(i => Key(i)), fresh.Max(i => Key(i)));
        var kind = fresh[0].Kind;
        var rows = File.Exists(path)
            ? Existing(path, kind).Where(i => Key(i) < from || Key(i) > to).Concat(fresh).OrderBy(Key).ToList()
            : fresh;
        var temporary = path + ".tmp";
        _ = kind switch
        {
            MarketDataKind.Bar => await ParquetMarketData.WriteBarsAsync(temporary, rows.Select(i => i.Bar!), cancellationToken).ConfigureAwait(false),
            MarketDataKind.Trade => await ParquetMarketData.WriteTradesAsync(temporary, rows.Select(i => i.Trade!), cancellationToken).ConfigureAwait(false),
            _ => await ParquetMarketData.WriteQuotesAsync(temporary, rows.Select(i => i.Quote!), cancellationToken).ConfigureAwait(false),
        };
        File.Move(temporary, path, overwrite: true);
    }

    private static IEnumerable<MarketDataItem> Existing(string path, MarketDataKind kind) => kind switch
    {
        MarketDataKind.Bar => MarketDataItem.Of(ParquetMarketData.ReadBars(path)),
        MarketDataKind.Trade => MarketDataItem.Of(ParquetMarketData.ReadTrades(path)),
        _ => MarketDataItem.Of(ParquetMarketData.ReadQuotes(path)),
    };

    private static DateTime Key(MarketDataItem item) => item.Bar?.OpenTime ?? item.Time;
}
