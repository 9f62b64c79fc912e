using System.Globalization;
using System.Net.WebSockets;
using Bourse.Data.Files;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Server.Streaming;
using Bourse.Server.Streaming.V1;
using Bar = Bourse.Sdk.MarketData.Bar;
using Bourse.Testing;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace Bourse.Server.Tests;

/// <summary>
/// <c>/ws/v2</c> on Kestrel with a real <see cref="ClientWebSocket"/> that offers permessage-deflate and parses the
/// protobuf messages with the types generated from <c>protos/bourse/stream/v1/stream.proto</c>. As in <see cref="TopicTests"/>
/// the replay feed publishes nothing during a test: the hub publishes real bars (samples/data) and the events of a real
/// backtest (<see cref="RecordedRuns"/>, SPY minute bars of ../shared/data).
/// </summary>
public sealed class StreamV2Tests(StreamV2Tests.KestrelServer fixture) : IClassFixture<StreamV2Tests.KestrelServer>
{
    private static readonly IReadOnlyList<Bar> Bars = BarFiles.Read(Path.Combine(RepositoryPaths.SampleData, "lean", "crypto", "coinbase", "minute", "btcusd"));

    private BourseServer Server => fixture.Server;

    private StreamHub Hub => Server.Services.GetRequiredService<StreamHub>();

    /// <summary>One server on Kestrel for the class, its feed too slow to publish during a test.</summary>
    public sealed class KestrelServer : IAsyncLifetime
    {
        public BourseServer Server { get; } = new(null, new Dictionary<string, string>
        {
            ["MarketData:AlwaysSubscribed"] = "",
            ["MarketData:Speed"] = "0.001",
        });

        public Uri Address { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Address = Server.StartOnKestrel();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    [Fact]
    public async Task A_deflate_client_authenticates_subscribes_and_receives_bars_and_run_events_as_protobuf()
    {
        using var socket = await ConnectAsync();
        Assert.Contains("permessage-deflate", socket.HttpResponseHeaders!["Sec-WebSocket-Extensions"].Single(), StringComparison.Ordinal);

        var auth = await SendAsync(socket, new ClientMessage { Action = "auth", Token = Server.AdminKey });
        Assert.Equal(("auth", "ok", "admin"), (auth.Type, auth.Status, auth.User.Role));

        var barTopic = await SubscribeAsync(socket, "bars", ("symbol", "btcusd.coinbase"));
        Assert.Equal("bars?symbol=BTCUSD.COINBASE&timeframe=1m", barTopic);
        Hub.Publish(Bars[0]);
        var bar = await ReceiveUpdateAsync(socket);
        Assert.Equal(("bars.update", barTopic, "bar", Update.PayloadOneofCase.Bar), (bar.Type, bar.Topic, bar.Event, bar.PayloadCase));
        Assert.Equal(Bars[0].Instrument.ToString(), bar.Bar.Symbol);
        Assert.Equal(
            (Bars[0].Open.Value, Bars[0].High.Value, Bars[0].Low.Value, Bars[0].Close.Value, Bars[0].Volume.Value),
            (Decimal(bar.Bar.Open), Decimal(bar.Bar.High), Decimal(bar.Bar.Low), Decimal(bar.Bar.Close), Decimal(bar.Bar.Volume)));
        Assert.Equal(Bars[0].OpenTime, bar.Bar.OpenTime.ToDateTime());

        foreach (var route in new[] { "orders", "executions", "positions", "equity", "runs" })
        {
            Assert.Equal(route, await SubscribeAsync(socket, route));
        }

        // A real backtest's events: every update arrives in order, its payload case named like its event.
        var runId = new RunId(Guid.NewGuid());
        var events = RecordedRuns.EmaCrossover(runId, barCount: 400).Events;
        var expected = events.SelectMany(e => RunEventMessages.For(e, pluginId: null)).ToList();
        Assert.Contains(expected, m => m.Event == "order_filled");
        foreach (var runEvent in events)
        {
            Hub.Publish(runEvent, origin: null);
        }

        var received = new List<Update>();
        foreach (var (route, name, _) in expected)
        {
            var update = await ReceiveUpdateAsync(socket);
            Assert.Equal((route + ".update", route, name), (update.Type, update.Topic, update.Event));
            var payloadCase = Update.Descriptor.FindFieldByNumber((int)update.PayloadCase);
            Assert.Equal(name, payloadCase.Name);
            var payload = (IMessage)payloadCase.Accessor.GetValue(update);
            Assert.Equal(runId.Value.ToString(), payload.Descriptor.FindFieldByName("run_id").Accessor.GetValue(payload));
            received.Add(update);
        }

        var fill = events.OfType<OrderEventRecorded>().Select(e => e.Event).OfType<OrderFilled>().First();
        var filled = received.First(u => u.PayloadCase == Update.PayloadOneofCase.OrderFilled).OrderFilled;
        Assert.Equal((fill.OrderId.Value, fill.FillPrice.Value, fill.FillQuantity.Value), (filled.OrderId, Decimal(filled.Price), Decimal(filled.Quantity)));
        Assert.Equal(fill.Timestamp, filled.Timestamp.ToDateTime());
        var account = events.OfType<AccountUpdated>().Last();
        var equity = received.Last(u => u.PayloadCase == Update.PayloadOneofCase.AccountUpdate).AccountUpdate;
        Assert.Equal((account.Cash, account.Equity, account.Currency), (Decimal(equity.Cash), Decimal(equity.Equity), equity.Currency));
    }

    [Fact]
    public async Task Bad_messages_get_an_error_reply_naming_the_field_and_the_connection_stays_open()
    {
        using var socket = await ConnectAsync(Server.AdminKey);

        await socket.SendAsync("{\"action\":\"auth\"}"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var text = await ReceiveReplyAsync(socket);
        Assert.Equal(("error", "error", "message"), (text.Type, text.Status, text.Field));
        Assert.Contains("binary", text.Message, StringComparison.Ordinal);

        await socket.SendAsync(new byte[] { 0x0a, 0xff, 0x01 }, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
        var garbage = await ReceiveReplyAsync(socket);
        Assert.Equal(("error", "message"), (garbage.Status, garbage.Field));

        var route = await SendAsync(socket, new ClientMessage { Action = "trades.subscribe", Params = { ["symbol"] = "BTCUSD.COINBASE" } });
        Assert.Equal(("trades.subscribe", "error", "route"), (route.Type, route.Status, route.Field));

        var timeframe = await SendAsync(socket, new ClientMessage { Action = "bars.subscribe", Params = { ["symbol"] = "BTCUSD.COINBASE", ["timeframe"] = "5x" } });
        Assert.Equal(("error", "timeframe"), (timeframe.Status, timeframe.Field));

        var unknown = await SendAsync(socket, new ClientMessage { Action = "dance" });
        Assert.Equal(("error", "action"), (unknown.Status, unknown.Field));

        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal("orders", await SubscribeAsync(socket, "orders"));
    }

    [Fact]
    public async Task A_client_that_does_not_authenticate_first_gets_an_error_and_a_policy_close()
    {
        using var socket = await ConnectAsync();

        var reply = await SendAsync(socket, new ClientMessage { Action = "orders.subscribe" });

        Assert.Equal(("auth", "error", "action"), (reply.Type, reply.Status, reply.Field));
        var close = await socket.ReceiveAsync(new byte[1024], CancellationToken.None);
        Assert.Equal((WebSocketMessageType.Close, WebSocketCloseStatus.PolicyViolation), (close.MessageType, socket.CloseStatus));
    }

    private static decimal Decimal(string text) => decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    /// <summary>A client offering permessage-deflate (and keeping the response headers), authenticated by the upgrade when <paramref name="credential"/> is given.</summary>
    private async Task<ClientWebSocket> ConnectAsync(string? credential = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        socket.Options.CollectHttpResponseDetails = true;
        var query = credential is null ? "" : $"?access_token={Uri.EscapeDataString(credential)}";
        await socket.ConnectAsync(new Uri($"ws://{fixture.Address.Authority}/ws/v2{query}"), CancellationToken.None);
        return socket;
    }

    private static async Task<string> SubscribeAsync(WebSocket socket, string route, params (string Name, string Value)[] parameters)
    {
        var message = new ClientMessage { Action = route + ".subscribe" };
        foreach (var (name, value) in parameters)
        {
            message.Params[name] = value;
        }

        var reply = await SendAsync(socket, message);
        Assert.True(reply.Status == "ok", reply.ToString());
        return reply.Topic;
    }

    private static async Task<Reply> SendAsync(WebSocket socket, ClientMessage message)
    {
        await socket.SendAsync(message.ToByteArray(), WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
        return await ReceiveReplyAsync(socket);
    }

    private static async Task<Reply> ReceiveReplyAsync(WebSocket socket)
    {
        var message = await ReceiveAsync(socket);
        Assert.True(message.KindCase == ServerMessage.KindOneofCase.Reply, message.ToString());
        return message.Reply;
    }

    private static async Task<Update> ReceiveUpdateAsync(WebSocket socket)
    {
        var message = await ReceiveAsync(socket);
        Assert.True(message.KindCase == ServerMessage.KindOneofCase.Update, message.ToString());
        return message.Update;
    }

    /// <summary>The next message, which must be one binary <see cref="ServerMessage"/>.</summary>
    private static async Task<ServerMessage> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        Assert.Equal(WebSocketMessageType.Binary, result.MessageType);
        return ServerMessage.Parser.ParseFrom(message.ToArray());
    }
}
