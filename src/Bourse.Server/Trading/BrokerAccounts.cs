using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Bourse.Data.Feeds;
using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Persistence;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Values;
using Bourse.Server.Auth;
using Bourse.Server.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Trading;

/// <summary>
/// Users' paper brokerage accounts. An account is a long-lived run of <see cref="BrokerAccountStrategy"/> (a strategy
/// without logic) over every instrument of the feed, opened on the user's first use with the runs' starting cash
/// (<c>Runs:StartingCash</c>, <c>Runs:Currency</c>: 100,000 USD by default) and the risk limits of
/// <see cref="PaperAccountOptions"/> (section <c>Trading</c>; none by default). Its orders come from this service as
/// operator commands executed on the run's loop (<see cref="RunHost.ExecuteAsync{T}"/>), so the risk engine, order
/// state machine, simulated exchange, portfolio, persistence (runs/orders/fills/positions rows), WebSocket topics and
/// crash recovery (resumed at start-up like any running run) are the runs' own. Reads of orders come from the database
/// after the outbox has written every event queued before the read, so a client reads its own writes.
/// A user whose account run was stopped (through the runs API, or an error) gets a new account at the next use.
/// Thread-safe: the commands of one account are serialized.
/// </summary>
public sealed class BrokerAccounts(
    IDbContextFactory<BourseDbContext> contexts,
    BrokerAccountPlugin plugin,
    RunLauncher launcher,
    RunRegistry registry,
    RunEventOutbox outbox,
    CommittedRunEvents committed,
    IMarketDataFeed feed,
    IOptions<PaperAccountOptions> options,
    AccountConfigurations configurations)
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<Guid, BrokerAccount> _byUser = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _gates = new();

    /// <summary>The user's account, opened now when the user has none running.</summary>
    /// <exception cref="InvalidOperationException">The account's run could not be started (no instrument in the feed).</exception>
    public async Task<BrokerAccount> GetOrCreateAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (_byUser.TryGetValue(user.Id, out var known) && registry.Find(known.Id) is not null)
        {
            return known;
        }

        var gate = _gates.GetOrAdd(user.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var pluginId = plugin.PluginId;
            var rows = await db.Runs.AsNoTracking()
                .Where(r => r.OwnerId == user.Id && r.PluginId == pluginId && r.Status == "running")
                .Select(r => new { r.Id, r.Currency, r.StartTime })
                .ToListAsync(cancellationToken);
            var row = rows.OrderByDescending(r => r.StartTime).FirstOrDefault(r => registry.Find(r.Id) is not null);
            if (row is null)
            {
                var symbols = feed.Instruments.Select(i => i.Id.ToString()).ToList();
                var started = await launcher.StartAsync(new StartRunRequest(pluginId, null, symbols, null, options.Value.Limits()), user, cancellationToken);
                var runId = started.Run?.RunId ?? throw new InvalidOperationException(
                    $"The paper account could not be opened: {string.Join("; ", started.Errors?.SelectMany(e => e.Value) ?? [])}");
                row = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.Id, r.Currency, r.StartTime }).SingleAsync(cancellationToken);
            }

            var account = new BrokerAccount(row.Id, user.Id, row.Currency, DateTime.SpecifyKind(row.StartTime, DateTimeKind.Utc));
            _byUser[user.Id] = account;
            return account;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Places an order (simple, bracket, OCO, OTO). Refused before the engine: a malformed request, an instrument the feed
    /// does not publish, a client order id already used in the account (<see cref="BrokerErrorKind.Duplicate"/>), a buy
    /// the cash does not cover (<see cref="BrokerErrorKind.InsufficientBuyingPower"/>), any order while the account's
    /// configuration suspends trading and a sell that would open a short in a long-only account (<see cref="BrokerErrorKind.NotAllowed"/>,
    /// see <see cref="AccountConfigurations"/>); refused by the engine's risk check:
    /// <see cref="BrokerErrorKind.Invalid"/> with its reason. Answers the orders as stored (parent first).
    /// </summary>
    public async Task<BrokerOutcome> SubmitAsync(BrokerAccount account, BrokerOrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(request);
        if (feed.Instruments.FirstOrDefault(i => i.Id == request.Instrument) is not { } instrument)
        {
            return Refused(BrokerErrorKind.NotFound, $"asset {request.Instrument} not found: the feed publishes {string.Join(", ", feed.Instruments.Select(i => i.Id))}", "symbol");
        }

        var configuration = await configurations.GetAsync(account.OwnerId, cancellationToken);
        if (configuration.SuspendTrade)
        {
            return Refused(BrokerErrorKind.NotAllowed, "new orders are blocked: trading is suspended by the account configuration (suspend_trade)");
        }

        var gate = _gates.GetOrAdd(account.OwnerId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var clientOrderId = request.ClientOrderId ?? Guid.NewGuid().ToString();
            if (request.ClientOrderId is { } wanted && (await OrdersAsync(account, new BrokerOrderQuery(null, int.MaxValue), cancellationToken)).Any(o => o.ClientOrderId == wanted))
            {
                return Refused(BrokerErrorKind.Duplicate, $"client_order_id must be unique: {wanted} is already used in this account", "client_order_id");
            }

            var (refusal, tickets) = await ExecuteAsync(account, run => BrokerOrderPlan.For(request, clientOrderId, instrument, run.Portfolio, configuration.NoShorting) switch
            {
                { Error: { } error } => (error, []),
                { List: { } list } => ((BrokerError?)null, run.SubmitOperatorOrderList(list)),
                var plan => (null, [run.SubmitOperatorOrder(plan.Order!)]),
            }, "order submission", cancellationToken);
            if (refusal is not null)
            {
                return Refused(refusal);
            }

            if (tickets.FirstOrDefault(t => t.Status == OrderStatus.Rejected) is { } rejected)
            {
                var reason = rejected.RejectionReason ?? "rejected";
                var kind = reason.Contains("buying power", StringComparison.OrdinalIgnoreCase) ? BrokerErrorKind.InsufficientBuyingPower : BrokerErrorKind.Invalid;
                return Refused(kind, reason);
            }

            return new BrokerOutcome(await OrdersByIdAsync(account, tickets.Select(t => t.Id.Value), cancellationToken), null);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Runs the engine's pre-trade risk checks (and the account's buying power check) on <paramref name="request"/> as a
    /// submission would now, without placing anything: the orders a list sends at once are checked (a bracket's or OTO's
    /// entry, both legs of an OCO; held exits are checked when released). What a submission refuses before any risk check
    /// (a malformed request, no price yet, the account configuration's suspend_trade or no_shorting) is a <see cref="BrokerRiskCheck.Error"/>.
    /// </summary>
    public async Task<BrokerRiskCheck> CheckAsync(BrokerAccount account, BrokerOrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(request);
        if (feed.Instruments.FirstOrDefault(i => i.Id == request.Instrument) is not { } instrument)
        {
            return new BrokerRiskCheck([], Refused(BrokerErrorKind.NotFound, $"asset {request.Instrument} not found: the feed publishes {string.Join(", ", feed.Instruments.Select(i => i.Id))}", "symbol").Error);
        }

        var configuration = await configurations.GetAsync(account.OwnerId, cancellationToken);
        if (configuration.SuspendTrade)
        {
            return new BrokerRiskCheck([], new BrokerError(BrokerErrorKind.NotAllowed, "new orders are blocked: trading is suspended by the account configuration (suspend_trade)"));
        }

        return await ExecuteAsync(account, run =>
        {
            var plan = BrokerOrderPlan.For(request, request.ClientOrderId ?? "risk-check", instrument, run.Portfolio, configuration.NoShorting);
            if (plan.Error is { Kind: not BrokerErrorKind.InsufficientBuyingPower } error)
            {
                return new BrokerRiskCheck([], error);
            }

            IReadOnlyList<OrderRequest> sentAtOnce = plan.Order is { } single ? [single] : plan.List!.Type == OrderListType.Oco ? plan.List.Orders : [plan.List.Orders[0]];
            IEnumerable<RiskDenial> denials = sentAtOnce.SelectMany(run.CheckOperatorOrder).Distinct();
            if (plan.Error is { } shortfall)
            {
                denials = denials.Prepend(new RiskDenial(RiskCheck.BuyingPower, shortfall.Message));
            }

            return new BrokerRiskCheck([.. denials], null);
        }, "risk check", cancellationToken);
    }

    /// <summary>The account's risk limits, trading state and circuit breakers now (on its loop).</summary>
    public Task<AccountRisk> RiskAsync(BrokerAccount account, CancellationToken cancellationToken) =>
        ExecuteAsync(account, run =>
        {
            var equity = run.Portfolio.Equity.Amount;
            return new AccountRisk(
                account, run.Settings.Risk, run.TradingState, run.TradingStateReason, equity - run.Statistics().DailyPnl, equity, run.CircuitBreakers);
        }, "risk limits", cancellationToken);

    /// <summary>
    /// Replaces the terms of an open order in place (new total quantity, limit and stop price; null keeps a term): the
    /// engine's modify, risk-checked with the new terms. The order keeps its id. NotFound / NotOpen when it cannot change.
    /// </summary>
    public async Task<BrokerOutcome> ReplaceAsync(BrokerAccount account, Guid orderId, decimal? quantity, decimal? limitPrice, decimal? stopPrice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (await OrderAsync(account, orderId, cancellationToken) is not { } order)
        {
            return Refused(BrokerErrorKind.NotFound, $"order {orderId} not found");
        }

        if (quantity is <= 0m || limitPrice is <= 0m || stopPrice is <= 0m)
        {
            return Refused(BrokerErrorKind.Invalid, "qty, limit_price and stop_price must be positive", quantity is <= 0m ? "qty" : limitPrice is <= 0m ? "limit_price" : "stop_price");
        }

        if ((limitPrice is not null && order.LimitPrice is null) || (stopPrice is not null && order.StopPrice is null && order.Type != OrderType.TrailingStop))
        {
            return Refused(BrokerErrorKind.Invalid, $"a {order.Type} order has no {(limitPrice is not null && order.LimitPrice is null ? "limit" : "stop")} price to replace", limitPrice is not null ? "limit_price" : "stop_price");
        }

        var sent = await ExecuteAsync(account, run => run.ModifyOperatorOrder(new ClientOrderId(order.OrderId), quantity, limitPrice, stopPrice), "order replace", cancellationToken);
        return sent
            ? new BrokerOutcome([await OrderAsync(account, orderId, cancellationToken) ?? order], null)
            : Refused(BrokerErrorKind.NotOpen, $"order {orderId} is {Bourse.Persistence.Writing.Naming.Of(order.Status)}: it can no longer be replaced");
    }

    /// <summary>Sends a cancel of an open order; NotFound for an unknown id, NotOpen for a finished order.</summary>
    public async Task<BrokerOutcome> CancelAsync(BrokerAccount account, Guid orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (await OrderAsync(account, orderId, cancellationToken) is not { } order)
        {
            return Refused(BrokerErrorKind.NotFound, $"order {orderId} not found");
        }

        var sent = await ExecuteAsync(account, run => run.CancelOperatorOrder(new ClientOrderId(order.OrderId), "canceled by the account owner"), "order cancel", cancellationToken);
        return sent
            ? new BrokerOutcome([order], null)
            : Refused(BrokerErrorKind.NotOpen, $"order {orderId} is {Bourse.Persistence.Writing.Naming.Of(order.Status)}: it can no longer be canceled");
    }

    /// <summary>Sends a cancel of every open order (of <paramref name="instrument"/> when given); answers the orders it was sent to.</summary>
    public async Task<IReadOnlyList<BrokerOrder>> CancelAllAsync(BrokerAccount account, InstrumentId? instrument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var ids = await ExecuteAsync(account, run => run.CancelAllOperatorOrders(instrument, "canceled by the account owner (cancel all)"), "cancel all", cancellationToken);
        return await OrdersByIdAsync(account, ids.Select(i => i.Value), cancellationToken);
    }

    /// <summary>The account's orders matching <paramref name="query"/>, newest first unless ascending.</summary>
    public async Task<IReadOnlyList<BrokerOrder>> OrdersAsync(BrokerAccount account, BrokerOrderQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(query);
        var all = await AllOrdersAsync(account, cancellationToken);
        var symbols = query.Instruments is { Count: > 0 } list ? list.ToHashSet() : null;
        IEnumerable<BrokerOrder> selected = all.Where(o =>
            (query.Open is null || o.IsOpen == query.Open) &&
            (query.After is null || o.CreatedAt > query.After) &&
            (query.Until is null || o.CreatedAt < query.Until) &&
            (symbols is null || symbols.Contains(o.Instrument)) &&
            (!query.Nested || o.ParentOrderId is null));
        if (query.Nested)
        {
            var legs = all.Where(o => o.ParentOrderId is not null).ToLookup(o => o.ParentOrderId!);
            selected = selected.Select(o => o with { Legs = [.. legs[o.OrderId]] });
        }

        selected = query.Ascending ? selected.OrderBy(o => o.CreatedAt).ThenBy(o => o.OrderId) : selected.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.OrderId);
        return [.. selected.Take(query.Limit)];
    }

    /// <summary>One order by its UUID, with its legs (an entry's exits); null when the account has no such order.</summary>
    public async Task<BrokerOrder?> OrderAsync(BrokerAccount account, Guid orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return BrokerOrderIds.OrderIdOf(account.Id, orderId) is { } id ? (await OrdersByIdAsync(account, [id], cancellationToken)).FirstOrDefault() : null;
    }

    /// <summary>One order by its client order id, with its legs; null when none.</summary>
    public async Task<BrokerOrder?> OrderByClientIdAsync(BrokerAccount account, string clientOrderId, CancellationToken cancellationToken)
    {
        var all = await AllOrdersAsync(account, cancellationToken);
        return all.FirstOrDefault(o => o.ClientOrderId == clientOrderId) is { } order ? WithLegs(order, all) : null;
    }

    /// <summary>The open positions now, from the account's portfolio (on its loop).</summary>
    public Task<IReadOnlyList<BrokerPosition>> PositionsAsync(BrokerAccount account, CancellationToken cancellationToken) =>
        ExecuteAsync<IReadOnlyList<BrokerPosition>>(account, run => [.. run.Portfolio.OpenPositions.Select(p => new BrokerPosition(p, p.NetQuantity * p.LastPrice, p.NetQuantity * p.AveragePrice))], "positions", cancellationToken);

    /// <summary>
    /// Closes all (<paramref name="quantity"/> and <paramref name="percentage"/> null) or part of the position in
    /// <paramref name="instrument"/> with a reduce-only market order: <paramref name="quantity"/> base units, or
    /// <paramref name="percentage"/> (0..100] of it rounded down to the lot. NotFound when there is no position.
    /// </summary>
    public async Task<BrokerOutcome> ClosePositionAsync(BrokerAccount account, InstrumentId instrument, decimal? quantity, decimal? percentage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (quantity is not null && percentage is not null)
        {
            return Refused(BrokerErrorKind.Invalid, "qty and percentage are mutually exclusive", "percentage");
        }

        if (quantity is <= 0m || percentage is <= 0m or > 100m)
        {
            return Refused(BrokerErrorKind.Invalid, quantity is not null ? "qty must be positive" : "percentage must be within (0, 100]", quantity is not null ? "qty" : "percentage");
        }

        var lot = feed.Instruments.FirstOrDefault(i => i.Id == instrument);
        var ticket = await ExecuteAsync(account, run =>
        {
            var net = run.Portfolio.Position(instrument).NetQuantity;
            if (net == 0m || lot is null)
            {
                return null;
            }

            var size = quantity ?? lot.RoundDownToLot(Math.Abs(net) * (percentage ?? 100m) / 100m);
            size = Math.Min(size, Math.Abs(net));
            var tag = new OrderTag(Guid.NewGuid().ToString(), OrderClass.Simple, null, null).Encode();
            return size <= 0m
                ? new OrderTicket(new ClientOrderId("O-000000"), instrument, OrderStatus.Rejected, $"{percentage} % of the position is less than one lot ({lot.LotSize})")
                : run.SubmitOperatorOrder(new OrderRequest(instrument, net > 0m ? Side.Sell : Side.Buy, OrderType.Market, new Quantity(size), null, TimeInForce.Gtc, tag, ReduceOnly: true));
        }, "close position", cancellationToken);
        return ticket switch
        {
            null => Refused(BrokerErrorKind.NotFound, $"position does not exist: the account holds no {instrument}"),
            { Status: OrderStatus.Rejected } => Refused(BrokerErrorKind.Invalid, ticket.RejectionReason ?? "rejected", "percentage"),
            _ => new BrokerOutcome(await OrdersByIdAsync(account, [ticket.Id.Value], cancellationToken), null),
        };
    }

    /// <summary>The account's balances now (on its loop).</summary>
    public Task<AccountSnapshot> SnapshotAsync(BrokerAccount account, CancellationToken cancellationToken) =>
        ExecuteAsync(account, run =>
        {
            var p = run.Portfolio;
            var positions = p.OpenPositions;
            var equity = p.Equity.Amount;
            return new AccountSnapshot(
                account,
                p.Cash.Amount,
                equity,
                positions.Where(x => x.NetQuantity > 0m).Sum(x => x.NetQuantity * x.LastPrice),
                positions.Where(x => x.NetQuantity < 0m).Sum(x => x.NetQuantity * x.LastPrice),
                p.InitialMargin.Amount,
                p.MaintenanceMargin.Amount,
                Math.Max(0m, p.Cash.Amount),
                run.Settings.StartingCash,
                equity - run.Statistics().DailyPnl,
                run.TradingState == TradingState.Halted);
        }, "account snapshot", cancellationToken);

    /// <summary>
    /// The account's order updates, each after it is stored, until <paramref name="cancellationToken"/> is canceled:
    /// new (accepted at the venue), fill, partial_fill, canceled, expired, replaced (modified), rejected, held,
    /// order_replace_rejected, order_cancel_rejected. Updates queue without bound while the consumer is slow.
    /// </summary>
    public async IAsyncEnumerable<BrokerOrderUpdate> OrderUpdatesAsync(BrokerAccount account, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var queue = Channel.CreateUnbounded<OrderEventRecorded>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var subscription = committed.Subscribe(account.Id, e =>
        {
            if (e is OrderEventRecorded recorded)
            {
                queue.Writer.TryWrite(recorded);
            }
        });
        await foreach (var recorded in queue.Reader.ReadAllAsync(cancellationToken))
        {
            var orderEvent = recorded.Event;
            var name = BrokerOrderEvents.NameOf(orderEvent);
            if (name is null)
            {
                continue;
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var rows = await db.Orders.AsNoTracking().Where(o => o.RunId == account.Id).ToListAsync(cancellationToken);
            var order = BrokerOrderRows.Read(account.Id, rows).FirstOrDefault(o => o.OrderId == orderEvent.OrderId.Value);
            if (order is null)
            {
                continue;
            }

            var symbol = orderEvent.Instrument.ToString();
            var fills = await db.Fills.AsNoTracking().Where(f => f.RunId == account.Id && f.Symbol == symbol).Select(f => new { f.Side, f.Quantity }).ToListAsync(cancellationToken);
            var position = fills.Sum(f => f.Side == "buy" ? f.Quantity : -f.Quantity);
            var fill = orderEvent as OrderFilled;
            yield return new BrokerOrderUpdate(name, order, orderEvent.Timestamp, fill?.FillPrice.Value, fill?.FillQuantity.Value, position);
        }
    }

    private static BrokerOutcome Refused(BrokerErrorKind kind, string message, string? field = null) => Refused(new BrokerError(kind, message, field));

    private static BrokerOutcome Refused(BrokerError error) => new([], error);

    private static BrokerOrder WithLegs(BrokerOrder order, IReadOnlyList<BrokerOrder> all) =>
        order with { Legs = [.. all.Where(o => o.ParentOrderId == order.OrderId)] };

    /// <summary>Runs a command on the account's loop.</summary>
    /// <exception cref="InvalidOperationException">The account's run is no longer running.</exception>
    private Task<T> ExecuteAsync<T>(BrokerAccount account, Func<TradingRun, T> command, string what, CancellationToken cancellationToken) =>
        (registry.Find(account.Id) ?? throw new InvalidOperationException($"The paper account {account.Id} is not running.")).ExecuteAsync(command, what, cancellationToken);

    private async Task<List<BrokerOrder>> OrdersByIdAsync(BrokerAccount account, IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        var all = await AllOrdersAsync(account, cancellationToken);
        var byId = all.ToDictionary(o => o.OrderId);
        return [.. orderIds.Where(byId.ContainsKey).Select(id => WithLegs(byId[id], all))];
    }

    /// <summary>Every order of the account as stored once the outbox has written the events queued before the call.</summary>
    private async Task<List<BrokerOrder>> AllOrdersAsync(BrokerAccount account, CancellationToken cancellationToken)
    {
        await outbox.FlushAsync(ReadTimeout, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Orders.AsNoTracking().Where(o => o.RunId == account.Id).ToListAsync(cancellationToken);
        return BrokerOrderRows.Read(account.Id, rows);
    }
}
