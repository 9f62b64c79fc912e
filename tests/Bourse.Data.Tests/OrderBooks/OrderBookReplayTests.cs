using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Bourse.Data.OrderBooks;
using Bourse.Engine.OrderBook;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Testing;

namespace Bourse.Data.Tests.OrderBooks;

/// <summary>Replays the real L2 files of ../shared/data into an <see cref="L2OrderBook"/> and checks the book against the files themselves.</summary>
public sealed class OrderBookReplayTests
{
    private static readonly string TardisFile = RepositoryPaths.Shared("nautilus/tardis/binance-futures_book_snapshot_25_BTCUSDT.csv");
    private static readonly string BinanceSnapshot = RepositoryPaths.Shared("nautilus/binance/btcusdt-depth-snap.csv");
    private static readonly string BinanceUpdate = RepositoryPaths.Shared("nautilus/binance/btcusdt-depth-update.csv");
    private static readonly string BybitFile = RepositoryPaths.Shared("nautilus/bybit/xrpusdt-ob500.data.zip");

    [Fact]
    public void Tardis_snapshots_replay_to_the_top_of_book_written_in_each_row()
    {
        var rows = File.ReadAllLines(TardisFile).Skip(1).Select(l => l.Split(',')).ToList();
        var book = new L2OrderBook(0.01m);

        var snapshots = TardisBookSnapshotReader.Read(TardisFile).ToList();

        Assert.Equal(10, snapshots.Count);
        for (var i = 0; i < snapshots.Count; i++)
        {
            book.Apply(snapshots[i]);
            Assert.Equal(Number(rows[i][4]), book.BestAsk);
            Assert.Equal(Number(rows[i][6]), book.BestBid);
            Assert.Equal(25, book.Bids.LevelCount);
            Assert.Equal(25, book.Asks.LevelCount);
            Assert.Equal(Number(rows[i][^1]), book.Bids[24].Size.Value);
            Assert.True(book.BestBid < book.BestAsk);
        }

        Assert.Equal("BTCUSDT.BINANCE-FUTURES", snapshots[0].Instrument.ToString());
        Assert.Equal(new DateTime(2020, 9, 1, 0, 0, 3, 696, DateTimeKind.Utc), snapshots[0].Timestamp);
    }

    [Fact]
    public void Binance_depth_snapshot_builds_its_100_bid_levels_and_the_diff_applies_as_one_message()
    {
        var snapRows = File.ReadAllLines(BinanceSnapshot).Skip(1).Select(l => l.Split(',')).ToList();
        var book = new L2OrderBook(0.1m);

        var snapshot = Assert.IsType<OrderBookSnapshot>(Assert.Single(BinanceDepthReader.Read(BinanceSnapshot)));
        book.Apply(snapshot);

        Assert.Equal(100, book.Bids.LevelCount);
        Assert.True(book.Asks.IsEmpty);
        Assert.Equal(snapRows.Max(r => Number(r[6])), book.BestBid);
        Assert.Equal(snapRows.Sum(r => Number(r[7])), book.Bids.Depth(100));
        Assert.Equal(2098021528332, book.LastSequence);

        var updateRows = File.ReadAllLines(BinanceUpdate).Skip(1).Select(l => l.Split(',')).ToList();
        var diff = Assert.IsType<OrderBookDeltas>(Assert.Single(BinanceDepthReader.Read(BinanceUpdate)));
        Assert.Equal(23, diff.Changes.Count(c => c.Side == Side.Buy));
        Assert.Equal(77, diff.Changes.Count(c => c.Side == Side.Sell));

        var fresh = new L2OrderBook(0.1m);
        fresh.Apply(diff);
        var reference = new Dictionary<(string Side, decimal Price), decimal>();
        foreach (var row in updateRows)
        {
            reference[(row[4], Number(row[6]))] = Number(row[7]); // later rows of one message win, as the venue applies them
        }

        var kept = reference.Where(kv => kv.Value > 0m).ToList();
        Assert.Equal(kept.Count(kv => kv.Key.Side == "b"), fresh.Bids.LevelCount);
        Assert.Equal(kept.Count(kv => kv.Key.Side == "a"), fresh.Asks.LevelCount);
        Assert.Equal(kept.Where(kv => kv.Key.Side == "a").Min(kv => kv.Key.Price), fresh.BestAsk);
        Assert.Equal(kept.Where(kv => kv.Key.Side == "b").Max(kv => kv.Key.Price), fresh.BestBid);
        Assert.True(fresh.BestBid < fresh.BestAsk);
    }

    [Fact]
    public void Bybit_snapshot_and_deltas_replay_to_the_same_book_as_an_independent_replay_of_the_json()
    {
        var book = new L2OrderBook(0.0001m);
        var reference = new Dictionary<string, SortedDictionary<decimal, decimal>> { ["b"] = [], ["a"] = [] };
        var lines = RawLines(BybitFile);
        var messages = BybitOrderBookReader.Read(BybitFile).ToList();

        Assert.Equal(50, messages.Count);
        Assert.IsType<OrderBookSnapshot>(messages[0]);
        Assert.All(messages.Skip(1), m => Assert.IsType<OrderBookDeltas>(m));
        for (var i = 0; i < messages.Count; i++)
        {
            book.Apply(messages[i]);
            ApplyReference(reference, lines[i]);
            Assert.True(book.BestBid < book.BestAsk, $"crossed after message {i + 1}");
            Assert.Equal(reference["b"].Keys.Max(), book.BestBid);
            Assert.Equal(reference["a"].Keys.Min(), book.BestAsk);
        }

        Assert.Equal(reference["b"].Count, book.Bids.LevelCount);
        Assert.Equal(reference["a"].Count, book.Asks.LevelCount);
        Assert.Equal(reference["b"].Reverse().Select(kv => (kv.Key, kv.Value)), Levels(book.Bids));
        Assert.Equal(reference["a"].Select(kv => (kv.Key, kv.Value)), Levels(book.Asks));
        Assert.Equal(new DateTime(2024, 12, 1, 0, 0, 5, 490, DateTimeKind.Utc), book.LastUpdate);
        Assert.Equal("XRPUSDT.BYBIT", messages[0].Instrument.ToString());
    }

    private static IEnumerable<(decimal, decimal)> Levels(BookSide side) =>
        Enumerable.Range(0, side.LevelCount).Select(r => (side[r].Price.Value, side[r].Size.Value));

    private static List<string> RawLines(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        using var reader = new StreamReader(zip.Entries[0].Open());
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static void ApplyReference(Dictionary<string, SortedDictionary<decimal, decimal>> book, string line)
    {
        using var json = JsonDocument.Parse(line);
        var isSnapshot = json.RootElement.GetProperty("type").GetString() == "snapshot";
        foreach (var side in new[] { "b", "a" })
        {
            if (isSnapshot)
            {
                book[side].Clear();
            }

            foreach (var level in json.RootElement.GetProperty("data").GetProperty(side).EnumerateArray())
            {
                var price = Number(level[0].GetString()!);
                var size = Number(level[1].GetString()!);
                if (size == 0m)
                {
                    book[side].Remove(price);
                }
                else
                {
                    book[side][price] = size;
                }
            }
        }
    }

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
