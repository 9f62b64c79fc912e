using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bourse.Testing.Binance;

/// <summary>
/// A local stand-in for Binance's market stream endpoint: Kestrel on a free loopback port, real WebSockets at
/// <c>/stream</c>. It takes the initial streams from <c>?streams=a/b</c>, answers SUBSCRIBE/UNSUBSCRIBE with
/// <c>{"result":null,"id":n}</c>, and sends the recorded messages of the subscribed streams (the fixture files, in
/// order, one cursor per symbol shared by all connections, like a live venue that carries on while a client is away).
/// With <see cref="DropFirstConnectionAfter"/> it ends the first connection after that many data messages, by
/// <see cref="Drop"/>: a close frame (what Binance sends at a connection's 24-hour mark) or an abort (a network failure).
/// </summary>
public sealed class FakeBinanceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, List<(string Stream, string Line)>> _messages = [];
    private readonly Dictionary<string, int> _cursors = [];

    private FakeBinanceServer(WebApplication app, IEnumerable<string> symbols)
    {
        _app = app;
        foreach (var symbol in symbols)
        {
            _messages[symbol] = [.. File.ReadLines(FixturePath(symbol)).Select(line => (StreamOf(line), line))];
            _cursors[symbol] = 0;
        }
    }

    /// <summary>End the first connection after this many data messages (0: never).</summary>
    public int DropFirstConnectionAfter { get; init; }

    /// <summary>How the first connection ends.</summary>
    public DropKind Drop { get; init; }

    /// <summary>The ws:// base address (the feed appends /stream).</summary>
    public string Url { get; private set; } = "";

    /// <summary>Every connection: its streams from the URL, and the control messages it sent, as raw JSON.</summary>
    public ConcurrentQueue<Connection> Connections { get; } = new();

    public static string FixturePath(string symbol) =>
        Path.Combine(RepositoryPaths.RepositoryRoot, "tests", "Bourse.Testing", "Binance", "Fixtures", $"{symbol}.jsonl");

    /// <summary>The recorded messages of <paramref name="symbol"/> (lower case), as lines.</summary>
    public IReadOnlyList<string> MessagesOf(string symbol) => [.. _messages[symbol].Select(m => m.Line)];

    public static async Task<FakeBinanceServer> StartAsync(int dropFirstConnectionAfter, DropKind drop, params string[] symbols)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeBinanceServer(app, symbols) { DropFirstConnectionAfter = dropFirstConnectionAfter, Drop = drop };
        app.UseWebSockets();
        app.Map("/stream", server.AcceptAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = address.Replace("http://", "ws://", StringComparison.Ordinal);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var streams = context.Request.Query["streams"].ToString().Split('/', StringSplitOptions.RemoveEmptyEntries);
        var connection = new Connection(Connections.Count + 1, [.. streams]);
        Connections.Enqueue(connection);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        connection.Subscribed.UnionWith(streams);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var receiving = ReceiveAsync(socket, connection, done);
        try
        {
            await SendAsync(socket, connection, done.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }

        // The receive loop ends when the client goes away. Canceling it instead would abort the socket and could throw
        // away data the client has not read yet, even after a clean close frame.
        try
        {
            await receiving;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
    }

    /// <summary>Answers control messages; a change of streams wakes the sender.</summary>
    private static async Task ReceiveAsync(WebSocket socket, Connection connection, CancellationTokenSource done)
    {
        var buffer = new byte[64 * 1024];
        while (!done.IsCancellationRequested)
        {
            var result = await socket.ReceiveAsync(buffer, done.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await done.CancelAsync();
                return;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
            using var json = JsonDocument.Parse(text);
            var method = json.RootElement.GetProperty("method").GetString();
            var names = json.RootElement.GetProperty("params").EnumerateArray().Select(p => p.GetString()!).ToList();
            await connection.Sending.WaitAsync(done.Token);
            try
            {
                if (method == "SUBSCRIBE")
                {
                    connection.Subscribed.UnionWith(names);
                }
                else
                {
                    connection.Subscribed.ExceptWith(names);
                }

                connection.Requests.Enqueue(text);
                var reply = Encoding.UTF8.GetBytes($"{{\"result\":null,\"id\":{json.RootElement.GetProperty("id").GetInt64()}}}");
                await socket.SendAsync(reply, WebSocketMessageType.Text, true, done.Token);
            }
            finally
            {
                connection.Sending.Release();
            }

            connection.Wake.Release();
        }
    }

    /// <summary>Sends the next recorded message of a subscribed stream (symbols in the order given); idles when there is none.</summary>
    private async Task SendAsync(WebSocket socket, Connection connection, CancellationToken cancellationToken)
    {
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            string? next = null;
            await connection.Sending.WaitAsync(cancellationToken);
            try
            {
                lock (_cursors)
                {
                    next = NextMessage(connection.Subscribed);
                }

                if (next is not null)
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(next), WebSocketMessageType.Text, true, cancellationToken);
                    sent++;
                }
            }
            finally
            {
                connection.Sending.Release();
            }

            if (next is null)
            {
                await connection.Wake.WaitAsync(cancellationToken);
            }
            else if (connection.Number == 1 && sent == DropFirstConnectionAfter)
            {
                if (Drop == DropKind.Abort)
                {
                    socket.Abort(); // no close handshake; data still in flight may be lost
                }
                else
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "connection lifetime reached", cancellationToken);
                }

                return;
            }
        }
    }

    private string? NextMessage(HashSet<string> subscribed)
    {
        foreach (var (symbol, messages) in _messages)
        {
            var cursor = _cursors[symbol];
            if (!messages.Any(m => subscribed.Contains(m.Stream)))
            {
                continue;
            }

            while (cursor < messages.Count && !subscribed.Contains(messages[cursor].Stream))
            {
                cursor++;
            }

            _cursors[symbol] = cursor < messages.Count ? cursor + 1 : cursor;
            if (cursor < messages.Count)
            {
                return messages[cursor].Line;
            }
        }

        return null;
    }

    private static string StreamOf(string line)
    {
        using var json = JsonDocument.Parse(line);
        return json.RootElement.GetProperty("stream").GetString()!;
    }

    public enum DropKind
    {
        Close,
        Abort,
    }

    public sealed class Connection(int number, IReadOnlyList<string> urlStreams)
    {
        public int Number { get; } = number;

        /// <summary>The streams named in the connection URL.</summary>
        public IReadOnlyList<string> UrlStreams { get; } = urlStreams;

        /// <summary>SUBSCRIBE/UNSUBSCRIBE messages received, as sent.</summary>
        public ConcurrentQueue<string> Requests { get; } = new();

        public HashSet<string> Subscribed { get; } = new(StringComparer.Ordinal);

        public SemaphoreSlim Sending { get; } = new(1, 1);

        public SemaphoreSlim Wake { get; } = new(0);
    }
}
