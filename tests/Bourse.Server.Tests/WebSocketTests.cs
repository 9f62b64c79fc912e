using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Bourse.Server.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace Bourse.Server.Tests;

/// <summary>The WebSocket endpoint on Kestrel with real client sockets: bad client messages, clients that vanish.</summary>
public sealed class WebSocketTests : IAsyncLifetime
{
    private readonly BourseServer _server = new(null, new Dictionary<string, string>
    {
        ["MarketData:Enabled"] = "false",
        ["Streaming:KeepAliveInterval"] = "00:00:00.250",
        ["Streaming:KeepAliveTimeout"] = "00:00:00.500",
    });

    private Uri _address = null!;

    private StreamHub Hub => _server.Services.GetRequiredService<StreamHub>();

    public Task InitializeAsync()
    {
        _address = _server.StartOnKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("hello", "message")]
    [InlineData("{\"action\": \"bars.subscribe\", \"params\": {\"symbol\": ", "message")]
    [InlineData("{\"action\": 5}", "message")]
    [InlineData("{\"action\": \"bars.subscribe\", \"params\": \"BTCUSD.COINBASE\"}", "message")]
    [InlineData("[]", "message")]
    [InlineData("null", "action")]
    [InlineData("{}", "action")]
    [InlineData("{\"action\": \"dance\"}", "action")]
    [InlineData("{\"action\": \"bars.dance\", \"params\": {\"symbol\": \"BTCUSD.COINBASE\"}}", "action")]
    [InlineData("{\"action\": \"auth\", \"token\": \"again\"}", "action")]
    [InlineData("{\"action\": \"trades.subscribe\", \"params\": {\"symbol\": \"BTCUSD.COINBASE\"}}", "route")]
    [InlineData("{\"action\": \".subscribe\"}", "route")]
    [InlineData("{\"action\": \"bars.subscribe\"}", "symbol")]
    [InlineData("{\"action\": \"bars.subscribe\", \"params\": {\"symbol\": \"\"}}", "symbol")]
    [InlineData("{\"action\": \"bars.subscribe\", \"params\": {\"symbol\": \"BTCUSD\"}}", "symbol")]
    [InlineData("{\"action\": \"bars.subscribe\", \"params\": {\"symbol\": \"BTCUSD.COINBASE\"}}", "symbol")] // the feed is off: it publishes nothing
    [InlineData("{\"action\": \"quotes.subscribe\", \"params\": {\"symbol\": \"BTC USD.COIN BASE\"}}", "symbol")]
    [InlineData("{\"action\": \"bars.subscribe\", \"params\": {\"symbol\": \"BTCUSD.COINBASE\", \"timeframe\": \"5x\"}}", "timeframe")]
    [InlineData("{\"action\": \"bars.subscribe\", \"params\": {\"symbol\": \"BTCUSD.COINBASE\", \"depth\": \"5\"}}", "depth")]
    [InlineData("{\"action\": \"orders.subscribe\", \"params\": {\"symbol\": \"BTCUSD.COINBASE\"}}", "symbol")]
    [InlineData("{\"action\": \"orders.subscribe\", \"params\": {\"run_id\": \"nope\"}}", "run_id")]
    [InlineData("{\"action\": \"equity.subscribe\", \"params\": {\"run_id\": null}}", "run_id")]
    [InlineData("{\"action\": \"runs.subscribe\", \"params\": {\"run_id\": \"6f9619ff-8b86-d011-b42d-00c04fc964ff\"}}", "run_id")]
    [InlineData("{\"action\": \"bars.unsubscribe\", \"params\": {\"symbol\": \"BTCUSD.COINBASE\"}}", "params")]
    public async Task A_malformed_client_message_gets_an_error_reply_naming_the_field_and_the_connection_stays_open(string text, string field)
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);
        var error = await BourseServer.ReceiveUntilAsync(socket, _ => true, TimeSpan.FromSeconds(10));
        Assert.Equal("error", error.GetProperty("status").GetString());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));

        await AssertStillServedAsync(socket);
    }

    [Fact]
    public async Task A_binary_message_that_is_not_utf8_json_gets_an_error_and_the_connection_stays_open()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, [0xff, 0xfe, 0x00, 0x7b], WebSocketMessageType.Binary);
        var error = await BourseServer.ReceiveUntilAsync(socket, _ => true, TimeSpan.FromSeconds(10));
        Assert.Equal("error", error.GetProperty("status").GetString());
        Assert.Equal("message", error.GetProperty("field").GetString());
        await AssertStillServedAsync(socket);
    }

    [Fact]
    public async Task A_client_that_aborts_is_forgotten_by_the_hub()
    {
        var socket = await ConnectAsync();
        await WaitForClientsAsync(1);
        socket.Abort();
        socket.Dispose();
        await WaitForClientsAsync(0);
    }

    [Fact]
    public async Task A_client_whose_tcp_connection_is_reset_is_forgotten_by_the_hub()
    {
        using var tcp = await HandshakeAsync();
        await WaitForClientsAsync(1);
        tcp.LingerState = new LingerOption(true, 0); // close with RST, no close handshake
        tcp.Close();
        await WaitForClientsAsync(0);
    }

    [Fact]
    public async Task The_server_pings_and_drops_a_client_that_goes_silent_without_closing_after_the_keep_alive_timeout()
    {
        // The TCP connection stays open (the kernel acknowledges the server's pings) but the client never answers them.
        using var tcp = await HandshakeAsync();
        await WaitForClientsAsync(1);
        var header = new byte[2];
        await tcp.GetStream().ReadExactlyAsync(header, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        Assert.Equal(0x89, header[0]); // FIN + ping: the server's heartbeat
        await WaitForClientsAsync(0);
    }

    private async Task<ClientWebSocket> ConnectAsync()
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{_address.Authority}/ws?access_token={Uri.EscapeDataString(_server.AdminKey)}"), CancellationToken.None);
        return socket;
    }

    /// <summary>A raw TCP connection that completes the WebSocket upgrade and then never reads or writes.</summary>
    private async Task<TcpClient> HandshakeAsync()
    {
        var tcp = new TcpClient();
        await BourseServer.UpgradeAsync(tcp, _address, _server.AdminKey);
        return tcp;
    }

    private static async Task SendAsync(WebSocket socket, byte[] bytes, WebSocketMessageType type) =>
        await socket.SendAsync(bytes, type, endOfMessage: true, CancellationToken.None);

    private static async Task AssertStillServedAsync(WebSocket socket)
    {
        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal("orders", await BourseServer.SubscribeAsync(socket, "orders"));
    }

    private Task WaitForClientsAsync(int count) =>
        BourseServer.WaitForAsync(() => Task.FromResult(Hub.ClientCount == count), TimeSpan.FromSeconds(10), $"{count} connected client(s)");
}
