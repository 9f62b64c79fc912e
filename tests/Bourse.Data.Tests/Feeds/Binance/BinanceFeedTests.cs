using System.Text.Json;
using Bourse.Data.Aggregation;
using Bourse.Data.Feeds.Binance;
using Bourse.Data.Files;
using Bourse.Data.Streams;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Testing;
using Bourse.Testing.Binance;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bourse.Data.Tests.Feeds.Binance;

/// <summary>
/// The Binance adapter against a local WebSocket server replaying Binance-format messages built from real trades (see
/// Fixtures/README.md); expected values come from the source files through Bourse's own readers, not from the fixtures.
/// </summary>
public sealed class BinanceFeedTests
{
    private static readonly InstrumentId BtcUsdt = InstrumentId.Parse("BTCUSDT.BINANCE");
    private static readonly InstrumentId XrpEth = InstrumentId.Parse("XRPETH.BINANCE");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(FakeBinanceServer.DropKind.Close)]
    [InlineData(FakeBinanceServer.DropKind.Abort)]
    public async Task Trades_and_closed_klines_become_ticks_and_bars_and_a_dropped_connection_is_reopened_and_resubscribed(FakeBinanceServer.DropKind drop)
    {
        await using var server = await FakeBinanceServer.StartAsync(300, drop, "btcusdt");
        var feed = new BinanceFeed(Options(server.Url, "BTCUSDT,XRPETH"), TimeProvider.System, NullLogger.Instance);
        using var subscription = feed.Subscriptions.Subscribe(BtcUsdt);
        var expectedTrades = BtcTrades();
        var expectedBars = BarAggregator.TimeBars(expectedTrades, BarPeriod.OneMinute).ToList();

        using var stop = new CancellationTokenSource();
        var reader = new FeedReader(feed, stop.Token);
        await reader.UntilAsync(got => got.Any(i => i.Bar is { } b && b.OpenTime == expectedBars[^1].OpenTime));
        await stop.CancelAsync();
        await reader.DisposeAsync();
        var items = reader.Items;
        var trades = items.Where(i => i.Trade is not null).Select(i => i.Trade!).ToList();
        var bars = items.Where(i => i.Bar is not null).Select(i => i.Bar!).ToList();

        // Both connections carried the BTC streams in the combined-stream URL: the second one resubscribed.
        var connections = server.Connections.ToList();
        Assert.Equal(2, connections.Count);
        Assert.All(connections, c => Assert.Equal(["btcusdt@kline_1m", "btcusdt@trade"], c.UrlStreams));
        Assert.Equal(1, feed.Reconnects);

        if (drop == FakeBinanceServer.DropKind.Close)
        {
            // A close frame loses nothing: every trade and every closed kline, in order; open klines (x = false) are no bars.
            Assert.Equal(expectedTrades, trades);
            Assert.Equal(expectedBars, bars);
        }
        else
        {
            // An abort may lose what was in flight (as on a real network); what arrives is in order, and all of it after the reconnection.
            Assert.True(IsInOrderSubsequence(trades, expectedTrades), "trades out of order or unknown");
            Assert.True(IsInOrderSubsequence(bars, expectedBars), "bars out of order or unknown");
            Assert.Equal(expectedTrades[^1], trades[^1]);
            Assert.Equal(expectedBars[^1], bars[^1]);
        }

        Assert.All(bars, b => Assert.Equal(BarPeriod.OneMinute, b.Period));
    }

    [Fact]
    public async Task Subscribing_and_unsubscribing_send_the_live_methods_with_fresh_ids_and_only_subscribed_symbols_are_published()
    {
        await using var server = await FakeBinanceServer.StartAsync(0, FakeBinanceServer.DropKind.Close, "xrpeth", "btcusdt");
        var feed = new BinanceFeed(Options(server.Url, "BTCUSDT,XRPETH"), TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var reader = new FeedReader(feed, stop.Token);
        reader.Start();
        await WaitForAsync(() => !server.Connections.IsEmpty, "the first connection");
        var connection = server.Connections.Single();
        Assert.Empty(connection.UrlStreams);

        // First subscriber of XRPETH: SUBSCRIBE; a second subscriber sends nothing.
        var xrp = feed.Subscriptions.Subscribe(XrpEth);
        var xrpAgain = feed.Subscriptions.Subscribe(XrpEth);
        var expectedXrpBars = XrpCandles();
        var items = reader.Items;
        await reader.UntilAsync(got => got.Count(i => i.Bar is not null) == expectedXrpBars.Count);
        Assert.Equal(expectedXrpBars, items.Where(i => i.Bar is not null).Select(i => i.Bar!));
        Assert.Equal(XrpTrades(), items.Where(i => i.Trade is not null).Select(i => i.Trade!));
        Assert.All(items, i => Assert.Equal(XrpEth, i.Instrument));

        // BTC joins; XRP's two subscribers leave: UNSUBSCRIBE after the second only.
        using var btc = feed.Subscriptions.Subscribe(BtcUsdt);
        xrp.Dispose();
        await WaitForAsync(() => connection.Requests.Count == 2, "the BTC SUBSCRIBE");
        xrpAgain.Dispose();
        await WaitForAsync(() => connection.Requests.Count == 3, "the XRP UNSUBSCRIBE");

        var requests = connection.Requests.Select(r => JsonDocument.Parse(r).RootElement).ToList();
        Assert.Equal(["SUBSCRIBE", "SUBSCRIBE", "UNSUBSCRIBE"], requests.Select(r => r.GetProperty("method").GetString()));
        Assert.Equal(["xrpeth@kline_1m", "xrpeth@trade"], requests[0].GetProperty("params").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["btcusdt@kline_1m", "btcusdt@trade"], requests[1].GetProperty("params").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["xrpeth@kline_1m", "xrpeth@trade"], requests[2].GetProperty("params").EnumerateArray().Select(p => p.GetString()));
        var ids = requests.Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.Order().Distinct(), ids);

        // What follows is BTC only, from its first trade on.
        var first = items.Count;
        await reader.UntilAsync(got => got.Skip(first).Count(i => i.Trade is not null) >= 10);
        Assert.All(items.Skip(first), i => Assert.Equal(BtcUsdt, i.Instrument));
        Assert.Equal(BtcTrades().Take(10), items.Skip(first).Where(i => i.Trade is not null).Take(10).Select(i => i.Trade!));
        await stop.CancelAsync();
        await reader.DisposeAsync();
    }

    private static BinanceFeedOptions Options(string url, string symbols) => new()
    {
        Url = url,
        Symbols = symbols,
        InitialReconnectDelay = TimeSpan.FromMilliseconds(20),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>The source trades of btcusdt.jsonl: the first 5 whole minutes of the Tardis file, at Binance's millisecond resolution.</summary>
    private static List<TradeTick> BtcTrades()
    {
        var all = TardisCsvReader.ReadTrades(RepositoryPaths.Shared("nautilus/tardis/trades.csv"), BtcUsdt).Select(ToMilliseconds).ToList();
        var end = Minute(all[0].Timestamp).AddMinutes(5);
        return [.. all.TakeWhile(t => t.Timestamp < end)];
    }

    /// <summary>The source trades of xrpeth.jsonl: the first 30 whole minutes of the freqtrade file.</summary>
    private static List<TradeTick> XrpTrades()
    {
        var all = FreqtradeJsonReader.ReadTrades(RepositoryPaths.Shared("freqtrade/XRP_ETH-trades.json.gz"), XrpEth);
        var end = Minute(all[0].Timestamp).AddMinutes(30);
        return [.. all.TakeWhile(t => t.Timestamp < end)];
    }

    /// <summary>freqtrade's own 1-minute candles of the same trades (minutes with trades), an independent check of the klines.</summary>
    private static List<Bar> XrpCandles()
    {
        var trades = XrpTrades();
        var end = Minute(trades[^1].Timestamp).AddMinutes(1);
        return [.. FreqtradeJsonReader.ReadCandles(RepositoryPaths.Shared("freqtrade/XRP_ETH-1m.json"), XrpEth, BarPeriod.OneMinute)
            .Where(b => b.OpenTime < end && b.Volume.Value > 0)];
    }

    private static DateTime Minute(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);

    private static TradeTick ToMilliseconds(TradeTick t) =>
        t with { Timestamp = new DateTime(t.Timestamp.Ticks - (t.Timestamp.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc) };

    private static bool IsInOrderSubsequence<T>(IReadOnlyList<T> part, IReadOnlyList<T> whole)
    {
        var j = 0;
        foreach (var item in part)
        {
            while (j < whole.Count && !EqualityComparer<T>.Default.Equals(whole[j], item))
            {
                j++;
            }

            if (j++ >= whole.Count)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads a feed's items (each read waits at most <see cref="Patience"/>, a guard against a hang, not a speed test).</summary>
    private sealed class FeedReader(BinanceFeed feed, CancellationToken cancellationToken) : IAsyncDisposable
    {
        private readonly IAsyncEnumerator<MarketDataItem> _items = feed.ReadItemsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        private Task<bool>? _pending;

        public List<MarketDataItem> Items { get; } = [];

        /// <summary>Starts reading (the feed connects).</summary>
        public void Start() => _pending ??= _items.MoveNextAsync().AsTask();

        public async Task UntilAsync(Func<List<MarketDataItem>, bool> done)
        {
            while (!done(Items))
            {
                Start();
                Assert.True(await _pending!.WaitAsync(Patience), "the feed ended");
                _pending = null;
                Items.Add(_items.Current);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_pending is not null)
            {
                await Task.WhenAny(_pending);
            }

            await _items.DisposeAsync();
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }
}
