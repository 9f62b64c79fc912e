using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using Bourse.Data.Feeds;
using Bourse.Data.Files;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Server.Streaming;
using Bourse.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bourse.Server.Tests;

/// <summary>
/// WebSocket topics on Kestrel with real client sockets. The replay feed runs so slowly (and with no standing
/// subscriptions) that it publishes nothing during a test: the hub publishes real bars (samples/data) and real quotes
/// (Tardis, ../shared/data) and the clients subscribe, unsubscribe and read (or not) through /ws.
/// </summary>
public sealed class TopicTests : IAsyncLifetime
{
    private const int QueueCapacity = 64;

    private static readonly IReadOnlyList<Bar> Bars = BarFiles.Read(Path.Combine(RepositoryPaths.SampleData, "lean", "crypto", "coinbase", "minute", "btcusd"));

    private readonly BourseServer _server = new(null, new Dictionary<string, string>
    {
        ["MarketData:AlwaysSubscribed"] = "",
        ["MarketData:Speed"] = "0.001",
        ["Streaming:ClientQueueCapacity"] = QueueCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Streaming:CloseTimeout"] = "00:01:00",
    });

    private Uri _address = null!;

    private StreamHub Hub => _server.Services.GetRequiredService<StreamHub>();

    private FeedSubscriptions Feed => _server.Services.GetRequiredService<IMarketDataFeed>().Subscriptions;

    private string BarTopic => $"bars?symbol={Bars[0].Instrument}&timeframe=1m";

    public Task InitializeAsync()
    {
        _address = _server.StartOnKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Equal_subscriptions_share_one_canonical_topic_counted_once_per_client_and_released_by_the_last_one()
    {
        using var first = await ConnectAsync();
        using var second = await ConnectAsync();
        Assert.Equal(BarTopic, await BourseServer.SubscribeAsync(first, "bars", new { timeframe = "1m", symbol = "btcusd.coinbase" }));
        var again = await BourseServer.SendActionAsync(first, "bars.subscribe", new Dictionary<string, string> { ["SYMBOL"] = " BTCUSD.COINBASE " });
        Assert.Equal(("ok", BarTopic), (again.GetProperty("status").GetString(), again.GetProperty("topic").GetString()));
        Assert.Equal(1, Hub.Topics[BarTopic]);
        Assert.Equal(BarTopic, await BourseServer.SubscribeAsync(second, "BARS", new { symbol = "BTCUSD.COINBASE", timeframe = "1m" }));
        Assert.Equal(2, Hub.Topics[BarTopic]);
        Assert.Equal(1, Feed.CountOf(Bars[0].Instrument)); // the topic's source: one feed subscription for the topic

        // One update, the same bytes for both.
        Hub.Publish(Bars[0]);
        var (a, b) = (await ReceiveTextAsync(first), await ReceiveTextAsync(second));
        Assert.Equal(a, b);
        var update = JsonDocument.Parse(a).RootElement;
        Assert.Equal(("bars.update", BarTopic, "bar"), (update.GetProperty("type").GetString(), update.GetProperty("topic").GetString(), update.GetProperty("event").GetString()));
        Assert.Equal(Bars[0].Close.Value, update.GetProperty("payload").GetProperty("close").GetDecimal());

        // The first client leaves the topic: it gets nothing more of it, the second still does.
        var quote = TardisQuotes()[0];
        var quoteTopic = await BourseServer.SubscribeAsync(first, "quotes", new { symbol = quote.Instrument.ToString() });
        Assert.Equal(2, Feed.CountOf(Bars[0].Instrument));
        var left = await BourseServer.SendActionAsync(first, "bars.unsubscribe", new { symbol = "BTCUSD.COINBASE" });
        Assert.Equal(("ok", BarTopic), (left.GetProperty("status").GetString(), left.GetProperty("topic").GetString()));
        Assert.Equal(1, Hub.Topics[BarTopic]);
        var notSubscribed = await BourseServer.SendActionAsync(first, "bars.unsubscribe", new { symbol = "BTCUSD.COINBASE" });
        Assert.Equal("error", notSubscribed.GetProperty("status").GetString());
        Hub.Publish(Bars[1]);
        Hub.Publish(quote);
        var next = JsonDocument.Parse(await ReceiveTextAsync(first)).RootElement;
        Assert.Equal(quoteTopic, next.GetProperty("topic").GetString());
        Assert.Equal(Bars[1].Close.Value, JsonDocument.Parse(await ReceiveTextAsync(second)).RootElement.GetProperty("payload").GetProperty("close").GetDecimal());

        // The last subscriber goes: the topic and its feed subscription go with it.
        await second.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        await BourseServer.WaitForAsync(() => Task.FromResult(!Hub.Topics.ContainsKey(BarTopic)), TimeSpan.FromSeconds(10), "the bars topic to be released");
        Assert.Equal(1, Hub.Topics[quoteTopic]);
        Assert.Equal(1, Feed.CountOf(Bars[0].Instrument));
        await BourseServer.SendActionAsync(first, "quotes.unsubscribe", new { symbol = quote.Instrument.ToString() });
        Assert.Empty(Hub.Topics);
        Assert.Equal(0, Feed.CountOf(Bars[0].Instrument));
    }

    [Fact]
    public async Task An_instrument_the_feed_does_not_publish_is_refused()
    {
        using var socket = await ConnectAsync();
        var reply = await BourseServer.SendActionAsync(socket, "bars.subscribe", new { symbol = "DOGEUSD.COINBASE" });
        Assert.Equal(("error", "symbol"), (reply.GetProperty("status").GetString(), reply.GetProperty("field").GetString()));
        Assert.Contains("BTCUSD.COINBASE", reply.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(Hub.Topics);
    }

    [Fact]
    public async Task Quotes_stream_to_their_symbol_s_subscribers()
    {
        using var socket = await ConnectAsync();
        var quotes = TardisQuotes().Take(3).ToList();
        var topic = await BourseServer.SubscribeAsync(socket, "quotes", new { symbol = quotes[0].Instrument.ToString().ToLowerInvariant() });
        Assert.Equal($"quotes?symbol={quotes[0].Instrument}", topic);
        quotes.ForEach(Hub.Publish);
        foreach (var quote in quotes)
        {
            var update = JsonDocument.Parse(await ReceiveTextAsync(socket)).RootElement;
            Assert.Equal(("quotes.update", topic, "quote"), (update.GetProperty("type").GetString(), update.GetProperty("topic").GetString(), update.GetProperty("event").GetString()));
            var payload = update.GetProperty("payload");
            Assert.Equal((quote.Bid.Value, quote.Ask.Value), (payload.GetProperty("bid").GetDecimal(), payload.GetProperty("ask").GetDecimal()));
        }
    }

    [Fact]
    public async Task A_client_that_never_reads_is_closed_as_a_slow_consumer_while_the_others_receive_everything()
    {
        using var tcp = new TcpClient { ReceiveBufferSize = 4096 };
        using var slow = await RawConnectAsync(tcp);
        await BourseServer.SubscribeAsync(slow, "bars", new { symbol = "BTCUSD.COINBASE" });
        using var fast1 = await ConnectAsync();
        using var fast2 = await ConnectAsync();
        await BourseServer.SubscribeAsync(fast1, "bars", new { symbol = "BTCUSD.COINBASE" });
        await BourseServer.SubscribeAsync(fast2, "bars", new { symbol = "BTCUSD.COINBASE" });
        var counts = new long[2];
        var reading = new[] { CountAsync(fast1, counts, 0), CountAsync(fast2, counts, 1) };

        // Batches of half the queue, each read by the fast clients before the next: only the slow one falls behind.
        var published = 0L;
        while (Hub.Topics[BarTopic] == 3)
        {
            Assert.True(published < 2_000_000, "the slow client was never disconnected");
            for (var i = 0; i < QueueCapacity / 2; i++)
            {
                Hub.Publish(Bars[(int)(published++ % Bars.Count)]);
            }

            Assert.True(SpinWait.SpinUntil(() => Interlocked.Read(ref counts[0]) == published && Interlocked.Read(ref counts[1]) == published, TimeSpan.FromSeconds(10)), "the fast clients fell behind");
        }

        Assert.Equal(2, Hub.Topics[BarTopic]);
        Hub.Publish(Bars[0]);
        published++;
        await BourseServer.WaitForAsync(() => Task.FromResult(Interlocked.Read(ref counts[0]) == published && Interlocked.Read(ref counts[1]) == published), TimeSpan.FromSeconds(10), "every update on the fast clients");

        // The slow client, reading at last, finds what the network held and then the close.
        var buffer = new byte[64 * 1024];
        WebSocketReceiveResult result;
        do
        {
            result = await slow.ReceiveAsync(buffer, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        }
        while (result.MessageType != WebSocketMessageType.Close);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, slow.CloseStatus);
        Assert.Equal($"slow consumer: {QueueCapacity} messages behind", slow.CloseStatusDescription);
        await slow.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        await BourseServer.WaitForAsync(() => Task.FromResult(Hub.ClientCount == 2), TimeSpan.FromSeconds(10), "the slow client to be gone");
        Assert.Contains(_server.Logs, l => l.Contains("slow consumer", StringComparison.Ordinal));
        Assert.Equal(WebSocketState.Open, fast1.State);
        GC.KeepAlive(reading);
    }

    /// <summary>Real best bid/ask quotes (Binance futures BTCUSDT), stamped as BTCUSD.COINBASE, an instrument of the feed (the replay has no quotes).</summary>
    private static List<QuoteTick> TardisQuotes() =>
        TardisCsvReader.ReadQuotes(RepositoryPaths.Shared("nautilus/tardis/quotes.csv"), InstrumentId.Parse("BTCUSD.COINBASE")).Take(10).ToList();

    private static async Task CountAsync(WebSocket socket, long[] counts, int index)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (result.EndOfMessage)
                {
                    Interlocked.Increment(ref counts[index]);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
        }
    }

    private static async Task<string> ReceiveTextAsync(WebSocket socket) =>
        (await BourseServer.ReceiveUntilAsync(socket, _ => true, TimeSpan.FromSeconds(10))).GetRawText();

    private async Task<ClientWebSocket> ConnectAsync()
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{_address.Authority}/ws?access_token={Uri.EscapeDataString(_server.AdminKey)}"), CancellationToken.None);
        return socket;
    }

    /// <summary>A WebSocket over <paramref name="tcp"/> (whose receive buffer the test chose), upgraded by hand.</summary>
    private async Task<WebSocket> RawConnectAsync(TcpClient tcp)
    {
        await BourseServer.UpgradeAsync(tcp, _address, _server.AdminKey);
        return WebSocket.CreateFromStream(tcp.GetStream(), new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
    }
}
