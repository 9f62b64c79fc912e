using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Bourse.Data.Streams;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Microsoft.Extensions.Logging;

namespace Bourse.Data.Feeds.Binance;

/// <summary>
/// Live market data from Binance's public spot WebSocket market streams (no API key): for every subscribed instrument
/// its <c>&lt;symbol&gt;@trade</c> stream becomes trade ticks and its <c>&lt;symbol&gt;@kline_&lt;interval&gt;</c> stream bars
/// (closed klines only, <c>x</c> = true). Source of the protocol: Binance spot API docs, "WebSocket Streams".
/// <list type="bullet">
/// <item>One combined-stream connection, <c>{Url}/stream?streams=…</c>, opened by the first reader with the streams of the
/// instruments subscribed at that moment (<see cref="FeedSubscriptions"/>, reference counted).</item>
/// <item>An instrument's first subscriber sends <c>{"method":"SUBSCRIBE","params":[streams],"id":n}</c> and its last one
/// leaving sends <c>UNSUBSCRIBE</c>; ids increase over the feed's life. Changes that come in a burst are reconciled
/// into as few messages as possible (Binance allows 5 incoming messages a second).</item>
/// <item>Any loss of the connection (network, a close by Binance, its 24-hour limit, a <c>serverShutdown</c> event, a
/// ping left unanswered for <see cref="BinanceFeedOptions.KeepAlive"/>) is followed by a reconnection after an
/// exponential backoff (<see cref="ReconnectBackoff"/>, reset once a connection delivered data), resubscribing the
/// instruments subscribed then. Data sent while disconnected is lost, as with any live feed.</item>
/// <item>Binance's pings are answered by the WebSocket with a pong carrying their payload; the feed pings too.</item>
/// <item>Messages of an instrument no longer subscribed (in flight while it was unsubscribed) are dropped; malformed
/// messages are logged with their text and skipped.</item>
/// </list>
/// Instruments are <c>SYMBOL.VENUE</c> (<c>BTCUSDT.BINANCE</c>) crypto pairs with the quote currency read from the symbol.
/// </summary>
public sealed class BinanceFeed : IMarketDataFeed
{
    private readonly BinanceFeedOptions _options;
    private readonly ILogger _logger;
    private readonly string _interval;
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _nextId;
    private int _reading;
    private int _reconnects;

    /// <summary>Creates the feed; nothing connects until <see cref="ReadItemsAsync"/> (or <see cref="ReadAllAsync"/>) is enumerated.</summary>
    /// <param name="options">Endpoint, symbols, kline interval, reconnection and keep-alive settings.</param>
    /// <param name="clock">The wall clock (the feed's clock, and the one reconnection delays wait on).</param>
    /// <param name="logger">Connections, reconnections, error replies and malformed messages are logged here.</param>
    /// <exception cref="ArgumentException">A symbol is not letters and digits, the interval is not a fixed-length Binance
    /// interval, the URL is not ws:// or wss://, or the queue capacity is not positive.</exception>
    public BinanceFeed(BinanceFeedOptions options, TimeProvider clock, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueueCapacity, 1, nameof(options));
        _options = options;
        _logger = logger;
        _interval = options.KlineInterval;
        Period = BinanceStreams.PeriodOf(options.KlineInterval);
        _ = new ReconnectBackoff(options.InitialReconnectDelay, options.MaxReconnectDelay);
        try
        {
            _ = BinanceStreams.CombinedUri(options.Url, []);
        }
        catch (UriFormatException e)
        {
            throw new ArgumentException(e.Message, nameof(options), e);
        }

        Instruments = [.. options.Symbols
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Instrument.Crypto(BinanceStreams.InstrumentOf(s, options.Venue)))
            .Distinct()];
        Clock = clock;
        Subscriptions = new FeedSubscriptions(Instruments);
        Subscriptions.Changed += _ => _changes.Writer.TryWrite(true);
    }

    /// <inheritdoc />
    public IReadOnlyList<Instrument> Instruments { get; }

    /// <inheritdoc />
    public TimeProvider Clock { get; }

    /// <inheritdoc />
    public FeedSubscriptions Subscriptions { get; }

    /// <summary>The period of the bars (the kline interval).</summary>
    public BarPeriod Period { get; }

    /// <summary>Connections lost and reopened so far.</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <inheritdoc />
    public async IAsyncEnumerable<Bar> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in ReadItemsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item.Bar is { } bar)
            {
                yield return bar;
            }
        }
    }

    /// <summary>
    /// Connects, and yields the trade ticks and closed-kline bars of the subscribed instruments in the order Binance sent
    /// them, reconnecting whenever the connection is lost, until <paramref name="cancellationToken"/> is canceled.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another enumeration is running (the feed holds one connection).</exception>
    public async IAsyncEnumerable<MarketDataItem> ReadItemsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _reading, 1) != 0)
        {
            throw new InvalidOperationException("The Binance feed is already being read; it holds one connection for one reader.");
        }

        var items = Channel.CreateBounded<MarketDataItem>(new BoundedChannelOptions(_options.QueueCapacity) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var connection = Task.Run(() => ConnectLoopAsync(items.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var item in items.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await connection.ConfigureAwait(false);
            Volatile.Write(ref _reading, 0);
        }
    }

    /// <summary>Connects and reconnects until canceled; completes <paramref name="items"/> at the end (with the error of an unexpected failure).</summary>
    private async Task ConnectLoopAsync(ChannelWriter<MarketDataItem> items, CancellationToken cancellationToken)
    {
        try
        {
            await ReconnectingAsync(items, cancellationToken).ConfigureAwait(false);
            items.TryComplete();
        }
        catch (Exception e)
        {
            items.TryComplete(e);
        }
    }

    private async Task ReconnectingAsync(ChannelWriter<MarketDataItem> items, CancellationToken cancellationToken)
    {
        var backoff = new ReconnectBackoff(_options.InitialReconnectDelay, _options.MaxReconnectDelay);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await SessionAsync(items, cancellationToken).ConfigureAwait(false))
                {
                    backoff.Reset();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or InvalidOperationException)
            {
                _logger.LogWarning("Binance connection lost: {Error}", e.Message);
            }

            var delay = backoff.Next();
            _logger.LogInformation("Reconnecting to Binance in {Delay}", delay);
            try
            {
                await Task.Delay(delay, Clock, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            Interlocked.Increment(ref _reconnects);
        }
    }

    /// <summary>One connection: connects with the current streams, then reads until it ends. True when data arrived.</summary>
    private async Task<bool> SessionAsync(ChannelWriter<MarketDataItem> items, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = _options.KeepAlive;
        socket.Options.KeepAliveTimeout = _options.KeepAlive;
        var active = new HashSet<string>(DesiredStreams(), StringComparer.Ordinal);
        var uri = BinanceStreams.CombinedUri(_options.Url, active.Order(StringComparer.Ordinal));
        await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Connected to Binance market streams at {Uri}", uri);

        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sending = new SemaphoreSlim(1, 1);
        _changes.Writer.TryWrite(true); // subscriptions may have changed while connecting
        var reconcile = ReconcileLoopAsync(socket, active, sending, session.Token);
        try
        {
            return await ReceiveLoopAsync(socket, items, session.Token).ConfigureAwait(false);
        }
        finally
        {
            await session.CancelAsync().ConfigureAwait(false);
            try
            {
                await reconcile.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
            {
                // The connection is going away; the next one resubscribes from scratch.
            }
        }
    }

    /// <summary>Sends SUBSCRIBE/UNSUBSCRIBE so the connection's streams match the subscribed instruments, after every change.</summary>
    private async Task ReconcileLoopAsync(ClientWebSocket socket, HashSet<string> active, SemaphoreSlim sending, CancellationToken cancellationToken)
    {
        while (await _changes.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _changes.Reader.TryRead(out _);
            var desired = DesiredStreams().ToHashSet(StringComparer.Ordinal);
            var added = desired.Except(active).Order(StringComparer.Ordinal).ToList();
            var removed = active.Except(desired).Order(StringComparer.Ordinal).ToList();
            await sending.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (added.Count > 0)
                {
                    await SendAsync(socket, "SUBSCRIBE", added, cancellationToken).ConfigureAwait(false);
                    active.UnionWith(added);
                }

                if (removed.Count > 0)
                {
                    await SendAsync(socket, "UNSUBSCRIBE", removed, cancellationToken).ConfigureAwait(false);
                    active.ExceptWith(removed);
                }
            }
            finally
            {
                sending.Release();
            }
        }
    }

    private async Task SendAsync(ClientWebSocket socket, string method, IReadOnlyList<string> streams, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var buffer = new ArrayBufferWriter<byte>();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("method", method);
            json.WriteStartArray("params");
            streams.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteNumber("id", id);
            json.WriteEndObject();
        }

        await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Binance {Method} {Streams} (id {Id})", method, string.Join(", ", streams), id);
    }

    private async Task<bool> ReceiveLoopAsync(ClientWebSocket socket, ChannelWriter<MarketDataItem> items, CancellationToken cancellationToken)
    {
        var received = false;
        var message = new ArrayBufferWriter<byte>(16 * 1024);
        while (true)
        {
            message.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(message.GetMemory(4096), cancellationToken).ConfigureAwait(false);
                message.Advance(result.Count);
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                _logger.LogWarning("Binance closed the connection: {Status} {Description}", socket.CloseStatus, socket.CloseStatusDescription);
                return received;
            }

            BinanceMessage parsed;
            try
            {
                parsed = BinanceMessage.Parse(message.WrittenSpan, _options.Venue);
            }
            catch (FormatException e)
            {
                _logger.LogWarning("Skipped a message: {Error}", e.Message);
                continue;
            }

            switch (parsed.Kind)
            {
                case BinanceMessageKind.Trade or BinanceMessageKind.Bar when Subscriptions.IsSubscribed(parsed.Item.Instrument):
                    received = true;
                    await items.WriteAsync(parsed.Item, cancellationToken).ConfigureAwait(false);
                    break;
                case BinanceMessageKind.Error:
                    _logger.LogError("Binance refused request {Id}: {Error}", parsed.Id, parsed.Text);
                    break;
                case BinanceMessageKind.ServerShutdown:
                    _logger.LogWarning("Binance announced a server shutdown; reconnecting");
                    return received;
            }
        }
    }

    private IEnumerable<string> DesiredStreams() => Subscriptions.Current.SelectMany(i => BinanceStreams.Of(i, _interval));
}
