using System.Net.Http.Json;
using System.Text.Json;
using System.Net.WebSockets;
using System.Threading.Channels;
using Bourse.Engine.Execution;
using Bourse.Engine.Runs.Recovery;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Server.Alpaca;

namespace Bourse.Server.Brokers.Alpaca;

/// <summary>
/// A run's execution client for an Alpaca-compatible trading API (Alpaca's own, or another Bourse server's <c>/v2</c>).
/// The run's commands are queued and sent one at a time, in order, by a task of their own: <c>POST /v2/orders</c> with
/// <c>client_order_id</c> = the run's order id (see <see cref="AlpacaClientOrderIds"/>), <c>PATCH /v2/orders/{id}</c>,
/// <c>DELETE /v2/orders/{id}</c> (a replacement Alpaca books as a new order is followed through its <c>replaces</c> link). Answers come from the HTTP responses and from the <c>trade_updates</c> stream, which
/// another task keeps connected (reconnecting with a backoff of 0.5 s doubling to 30 s, and reading every order still open
/// again after each connection, so nothing missed while it was down is lost); <see cref="AlpacaOrderTracker"/> turns them
/// into reports, each change once, which go to the run through the delivery function given at <see cref="Start"/>.
/// An error answer (<c>{code, message}</c>, e.g. 403 insufficient buying power, 422) becomes the order's rejection, a
/// refused replace or a refused cancel with the broker's message. Credentials go in the APCA headers and the stream's
/// auth message only, never in a log line.
/// </summary>
public sealed class AlpacaExecutionClient : IExecutionClient, IVenueReconciliation, IAsyncDisposable
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LastBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private readonly string _name;
    private readonly AlpacaAccountOptions _account;
    private readonly AlpacaSymbols _symbols;
    private readonly HashSet<InstrumentId> _instruments;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RunId _run;
    private readonly AlpacaClientOrderIds _ids;
    private readonly AlpacaOrderTracker _tracker;
    private readonly Channel<Command> _commands = Channel.CreateUnbounded<Command>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Func<VenueReport, CancellationToken, ValueTask>? _deliver;
    private Task _commandLoop = Task.CompletedTask;
    private Task _streamLoop = Task.CompletedTask;
    private VenueSnapshot _snapshot = new([], []);
    private int _connections;

    /// <param name="name">The account's name in configuration.</param>
    /// <param name="account">Its address and credentials (<see cref="AlpacaAccountOptions.Problem"/> is null).</param>
    /// <param name="run">The run trading through it.</param>
    /// <param name="instruments">The run's instruments (positions of others are not the run's).</param>
    /// <param name="symbols">The instruments' Alpaca symbols.</param>
    /// <param name="http">Sends the REST calls.</param>
    /// <param name="time">Times the reconnect backoff.</param>
    /// <param name="logger">Connection and error lines (no credentials).</param>
    public AlpacaExecutionClient(
        string name, AlpacaAccountOptions account, RunId run, IEnumerable<InstrumentId> instruments, AlpacaSymbols symbols, HttpClient http, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(account);
        _name = name;
        _account = account;
        _run = run;
        _instruments = [.. instruments];
        _symbols = symbols;
        _http = http;
        _time = time;
        _logger = logger;
        _ids = new AlpacaClientOrderIds(run);
        _tracker = new AlpacaOrderTracker(_ids);
    }

    /// <inheritdoc />
    public string Venue => $"alpaca:{_name}";

    /// <summary>How many times the trade stream connected (and listened) so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <inheritdoc />
    public void Submit(ClientOrderId id, OrderRequest terms) => _commands.Writer.TryWrite(new Command(id, terms, null, null, null, false));

    /// <inheritdoc />
    public void Replace(ClientOrderId id, decimal? quantity, decimal? limitPrice, decimal? triggerPrice) =>
        _commands.Writer.TryWrite(new Command(id, null, quantity, limitPrice, triggerPrice, false));

    /// <inheritdoc />
    public void Cancel(ClientOrderId id) => _commands.Writer.TryWrite(new Command(id, null, null, null, null, true));

    /// <summary>The broker's open orders of the run and its positions in the run's instruments, as read by <see cref="PrepareResumeAsync"/>.</summary>
    public VenueSnapshot Snapshot() => _snapshot;

    /// <summary>
    /// Before a resumed run starts: follows its open orders from where the database left them (<paramref name="recovery"/>'s
    /// filled quantities and fills, so fills the broker made meanwhile are reported once the stream connects) and reads
    /// the broker's open orders and positions for reconciliation (<see cref="Snapshot"/>).
    /// </summary>
    /// <exception cref="HttpRequestException">The broker could not be read (the message names the status and the broker's message).</exception>
    public async Task PrepareResumeAsync(RunRecovery recovery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recovery);
        foreach (var order in recovery.OpenOrders.Where(o => o.Status != OrderStatus.Initialized))
        {
            var notional = recovery.Fills.Where(f => f.OrderId == order.Id).Sum(f => f.Price * f.Quantity);
            _tracker.Seed(order.Id, order.Request, order.Status != OrderStatus.Submitted, order.FilledQuantity, notional);
        }

        var orders = await ReadAsync<List<AlpacaOrder>>("v2/orders?status=open&limit=500", cancellationToken) ?? [];
        var positions = await ReadAsync<List<AlpacaPosition>>("v2/positions", cancellationToken) ?? [];
        var held = new List<VenueOrder>();
        foreach (var order in orders)
        {
            if (_ids.TryParse(order.ClientOrderId, out var id) && _symbols.TryResolve(order.Symbol, out var asset))
            {
                var status = order.Status switch
                {
                    "pending_new" => OrderStatus.Submitted,
                    "partially_filled" => OrderStatus.PartiallyFilled,
                    _ => OrderStatus.Accepted,
                };
                held.Add(new VenueOrder(id, asset.Instrument.Id, order.Side == "sell" ? Side.Sell : Side.Buy, status, order.Quantity ?? 0m, order.FilledQuantity ?? 0m));
            }
        }

        var netted = positions
            .Where(p => _symbols.TryResolve(p.Symbol, out var asset) && _instruments.Contains(asset.Instrument.Id) && p.NetQuantity != 0m)
            .Select(p => new VenuePosition(_symbols.TryResolve(p.Symbol, out var asset) ? asset.Instrument.Id : default, p.NetQuantity))
            .ToList();
        _snapshot = new VenueSnapshot(held, netted);
    }

    /// <summary>Starts sending commands and following the stream; reports go to <paramref name="deliver"/> (the run's loop input), one at a time.</summary>
    public void Start(Func<VenueReport, CancellationToken, ValueTask> deliver)
    {
        _deliver = deliver;
        _commandLoop = Task.Run(() => RunCommandsAsync(_stopping.Token));
        _streamLoop = Task.Run(() => FollowStreamAsync(_stopping.Token));
    }

    /// <summary>Sends the commands still queued (the cancels of a stopping run), for at most 10 s, then closes the stream.</summary>
    public async ValueTask DisposeAsync()
    {
        _commands.Writer.TryComplete();
        try
        {
            await _commandLoop.WaitAsync(DrainTimeout);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Run {RunId}: {Venue} did not take the last commands within {Timeout}", _run, Venue, DrainTimeout);
        }

        await _stopping.CancelAsync();
        await Task.WhenAll(_commandLoop, _streamLoop).ContinueWith(static _ => { }, TaskScheduler.Default);
        _stopping.Dispose();
        _gate.Dispose();
    }

    private async Task RunCommandsAsync(CancellationToken cancellationToken)
    {
        await foreach (var command in _commands.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                await ExecuteAsync(command, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning("Run {RunId}: {Venue} failed on a command for {OrderId}: {Message}", _run, Venue, command.Id, e.Message);
                var message = $"the broker could not be reached: {e.Message}";
                if (command.Terms is not null && await FindAsync(command.Id, cancellationToken) is { } order)
                {
                    await ApplyAsync(order, null, cancellationToken); // the order went through before the answer was lost
                    continue;
                }

                await DeliverAsync(
                    command.Terms is not null ? [await Locked(() => _tracker.Refuse(command.Id, message))]
                    : command.IsCancel ? [new VenueCancelRejected(command.Id, message)]
                    : [new VenueReplaceRejected(command.Id, message)],
                    cancellationToken);
            }
        }
    }

    private Task ExecuteAsync(Command command, CancellationToken cancellationToken) =>
        command.Terms is { } terms ? SubmitAsync(command.Id, terms, cancellationToken)
        : command.IsCancel ? CancelAsync(command.Id, cancellationToken)
        : ReplaceAsync(command, cancellationToken);

    private async Task SubmitAsync(ClientOrderId id, OrderRequest terms, CancellationToken cancellationToken)
    {
        var clientOrderId = _ids.For(id);
        await Locked(() => _tracker.Track(id, terms));
        var body = AlpacaOrderTerms.ToRequest(terms, _symbols, clientOrderId, out var problem);
        if (body is null)
        {
            await DeliverAsync([await Locked(() => _tracker.Refuse(id, problem!))], cancellationToken);
            return;
        }

        using var response = await SendAsync(HttpMethod.Post, "v2/orders", body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var message = await ErrorAsync(response, cancellationToken);
            await DeliverAsync([await Locked(() => _tracker.Refuse(id, message))], cancellationToken);
            return;
        }

        await ApplyAsync(await response.Content.ReadFromJsonAsync<AlpacaOrder>(AlpacaJson.Options, cancellationToken), null, cancellationToken);
    }

    private async Task ReplaceAsync(Command command, CancellationToken cancellationToken)
    {
        var brokerId = await Locked(() => _tracker.BrokerId(command.Id));
        if (brokerId is null)
        {
            await DeliverAsync([new VenueReplaceRejected(command.Id, "the broker has not acknowledged the order yet")], cancellationToken);
            return;
        }

        var body = new AlpacaOrderReplacement(command.Quantity, command.LimitPrice, command.TriggerPrice);
        using var response = await SendAsync(HttpMethod.Patch, $"v2/orders/{Uri.EscapeDataString(brokerId)}", body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await DeliverAsync([new VenueReplaceRejected(command.Id, await ErrorAsync(response, cancellationToken))], cancellationToken);
            return;
        }

        await ApplyAsync(await response.Content.ReadFromJsonAsync<AlpacaOrder>(AlpacaJson.Options, cancellationToken), null, cancellationToken);
    }

    private async Task CancelAsync(ClientOrderId id, CancellationToken cancellationToken)
    {
        var brokerId = await Locked(() => _tracker.BrokerId(id));
        if (brokerId is null)
        {
            await DeliverAsync([new VenueCancelRejected(id, "the broker has not acknowledged the order yet")], cancellationToken);
            return;
        }

        var path = $"v2/orders/{Uri.EscapeDataString(brokerId)}";
        using (var response = await SendAsync(HttpMethod.Delete, path, null, cancellationToken))
        {
            if (!response.IsSuccessStatusCode)
            {
                await DeliverAsync([new VenueCancelRejected(id, await ErrorAsync(response, cancellationToken))], cancellationToken);
                return;
            }
        }

        // The cancel's outcome also comes on the stream; reading the order now reports it even while the stream is down.
        await ApplyAsync(await ReadAsync<AlpacaOrder>(path, cancellationToken), null, cancellationToken);
    }

    private async Task FollowStreamAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var stream = await AlpacaStreamConnection.ConnectAsync(_account.StreamAddress(), _account.KeyId!, _account.SecretKey!, cancellationToken);
                failures = 0;
                Interlocked.Increment(ref _connections);
                _logger.LogInformation("Run {RunId}: listening to {Venue}'s trade updates at {Address}", _run, Venue, _account.StreamAddress());
                await ResyncAsync(cancellationToken);
                await foreach (var update in stream.UpdatesAsync(cancellationToken))
                {
                    await ApplyAsync(update.Order, update, cancellationToken);
                }

                _logger.LogWarning("Run {RunId}: {Venue}'s trade stream closed; reconnecting", _run, Venue);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException or InvalidOperationException or JsonException or IOException or OperationCanceledException)
            {
                _logger.LogWarning("Run {RunId}: {Venue}'s trade stream failed ({Message}); reconnecting", _run, Venue, e.Message);
            }

            var backoff = TimeSpan.FromTicks(Math.Min(LastBackoff.Ticks, FirstBackoff.Ticks << Math.Min(failures++, 16)));
            try
            {
                await Task.Delay(backoff, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Reads every order still open again (after a connection: what happened while the stream was down).</summary>
    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, brokerId) in await Locked(() => _tracker.Open))
        {
            var path = brokerId is null
                ? $"v2/orders:by_client_order_id?client_order_id={Uri.EscapeDataString(_ids.For(id))}"
                : $"v2/orders/{Uri.EscapeDataString(brokerId)}";
            using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                await ApplyAsync(await response.Content.ReadFromJsonAsync<AlpacaOrder>(AlpacaJson.Options, cancellationToken), null, cancellationToken);
            }
        }
    }

    /// <summary>The order the broker holds under the run's order's first client order id, or null (none, or the broker cannot be read).</summary>
    private async Task<AlpacaOrder?> FindAsync(ClientOrderId id, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync<AlpacaOrder>($"v2/orders:by_client_order_id?client_order_id={Uri.EscapeDataString(_ids.For(id))}", cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task ApplyAsync(AlpacaOrder? order, AlpacaTradeUpdate? update, CancellationToken cancellationToken)
    {
        if (order is null)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await DeliverUnlockedAsync(_tracker.Update(order, update), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task DeliverAsync(IReadOnlyList<VenueReport> reports, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await DeliverUnlockedAsync(reports, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task DeliverUnlockedAsync(IReadOnlyList<VenueReport> reports, CancellationToken cancellationToken)
    {
        foreach (var report in reports)
        {
            try
            {
                await _deliver!(report, cancellationToken);
            }
            catch (ChannelClosedException)
            {
                return; // the run has ended: nothing takes its reports any more
            }
        }
    }

    private async Task<T> Locked<T>(Func<T> action)
    {
        await _gate.WaitAsync();
        try
        {
            return action();
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task Locked(Action action) => Locked(() =>
    {
        action();
        return 0;
    });

    private async Task<T?> ReadAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {await ErrorAsync(response, cancellationToken)}", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<T>(AlpacaJson.Options, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, _account.Address(path));
        request.Headers.Add("APCA-API-KEY-ID", _account.KeyId);
        request.Headers.Add("APCA-API-SECRET-KEY", _account.SecretKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: AlpacaJson.Options);
        }

        return await _http.SendAsync(request, cancellationToken);
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        AlpacaJson.ErrorMessage((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));

    /// <summary>One queued command: a submit (<see cref="Terms"/>), a cancel, or else a replace.</summary>
    private sealed record Command(ClientOrderId Id, OrderRequest? Terms, decimal? Quantity, decimal? LimitPrice, decimal? TriggerPrice, bool IsCancel);
}
