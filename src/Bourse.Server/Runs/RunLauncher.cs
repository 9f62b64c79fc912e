using System.Text.Json;
using Bourse.Data.Aggregation;
using Bourse.Data.Feeds;
using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Engine.Runs.Recovery;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Plugins;
using Bourse.Plugins.Parameters;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Server.Auth;
using Bourse.Server.Brokers;
using Bourse.Server.Brokers.Alpaca;
using Bourse.Server.Infrastructure;
using Bourse.Server.Plugins;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Runs;

/// <summary>The outcome of a start: the run, or the errors by field (e.g. <c>symbols</c>, <c>parameters.FastPeriod</c>).</summary>
public sealed record StartOutcome(StartedRun? Run, Dictionary<string, string[]>? Errors);

/// <summary>What makes a run the run of a live strategy: the strategy it belongs to and the interval its strategy is evaluated at.</summary>
/// <param name="LiveStrategyId">The live strategy (recorded on the run row).</param>
/// <param name="CheckInterval">The feed's bars are aggregated to this period (a whole number of the feed's bar periods; intervals up to an hour
/// divide an hour, so UTC buckets are also the exchange's); the strategy sees one bar per interval, at its close.</param>
public sealed record LiveRunBinding(Guid LiveStrategyId, TimeSpan CheckInterval);

/// <summary>
/// Validates a start request, builds the strategy (parameters bound: exactly the config version's values, or the request's),
/// the kernel (feed clock, paper account) and its event loop, records the run and starts it.
/// </summary>
public sealed class RunLauncher(
    IDbContextFactory<BourseDbContext> contexts,
    PluginCatalogue catalogue,
    IMarketDataFeed feed,
    RunRegistry registry,
    RunPlugins runPlugins,
    RunEventOutbox outbox,
    IOptions<RunOptions> options,
    TimeProvider wallClock,
    ILoggerFactory loggers,
    BrokerClients brokers)
{
    private readonly OutboxRunEventSink _sink = new(outbox);

    /// <summary>
    /// Starts a run owned by <paramref name="user"/>; returns errors by field instead when the request is invalid. A plugin
    /// or config the user may not see is reported exactly as a missing one. The run holds a lease on its plugin from the
    /// look-up until its loop ends, so the plugin cannot be deleted meanwhile.
    /// </summary>
    /// <param name="request">What to run.</param>
    /// <param name="user">The owner.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="live">Set for the run of a live strategy.</param>
    public async Task<StartOutcome> StartAsync(StartRunRequest request, CurrentUser user, CancellationToken cancellationToken, LiveRunBinding? live = null)
    {
        PluginLease? lease = null;
        if (request.PluginId is { } id)
        {
            lease = catalogue.Acquire(id);
        }

        try
        {
            var outcome = await StartAsync(request, user, lease, live, cancellationToken);
            if (outcome.Host is { } host)
            {
                var held = lease;
                _ = host.Completion.ContinueWith(_ => held?.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                lease = null;
                return new StartOutcome(new StartedRun(host.RunId.Value, host.PluginId), null);
            }

            return new StartOutcome(null, outcome.Errors);
        }
        finally
        {
            lease?.Dispose();
        }
    }

    private async Task<(RunHost? Host, Dictionary<string, string[]>? Errors)> StartAsync(
        StartRunRequest request, CurrentUser user, PluginLease? lease, LiveRunBinding? live, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = errors.TryGetValue(field, out var m) ? [.. m, message] : [message];

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var visible = request.PluginId is { } requested && await db.Plugins.VisibleTo(user).AnyAsync(p => p.Id == requested, cancellationToken);
        var plugin = visible ? lease?.Plugin : null;
        if (request.PluginId is not { } pluginId)
        {
            Fail("plugin_id", "plugin_id is required.");
        }
        else if (plugin is null)
        {
            Fail("plugin_id", $"No plugin in the catalogue has the id {pluginId}.");
        }

        var instruments = Instruments(request.Symbols, Fail);
        var risk = Risk(request.Risk ?? new RiskRequest(), instruments, Fail);
        if (request.Broker is { } broker && brokers.Problem(broker) is { } brokerProblem)
        {
            Fail("broker", brokerProblem);
        }

        var o = options.Value;
        var cash = request.StartingCash ?? o.StartingCash;
        if (cash <= 0m)
        {
            Fail("starting_cash", $"starting_cash must be positive (was {cash}).");
        }

        var parameters = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        ConfigEntity? config = null;
        if (request.ConfigId is { } configId)
        {
            config = await db.Configs.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(c => c.Id == configId, cancellationToken);
            if (config is null || config.PluginId != request.PluginId)
            {
                Fail("config_id", $"No config with the id {configId} belongs to plugin {request.PluginId}.");
            }
            else if (request.Parameters is { Count: > 0 })
            {
                Fail("parameters", $"A run started from a config uses exactly the parameters of its version ('{config.Name}' version {config.Version}); create a new version to change them.");
            }
            else
            {
                foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(config.ParametersJson) ?? [])
                {
                    parameters[name] = value;
                }
            }
        }

        foreach (var (name, value) in request.Parameters ?? [])
        {
            parameters[name] = value;
        }

        Bourse.Sdk.Strategies.Strategy? strategy = null;
        BoundParameters? bound = null;
        if (plugin is not null && !errors.ContainsKey("config_id"))
        {
            try
            {
                bound = plugin.Bind(parameters);
                strategy = plugin.CreateInstance(bound);
            }
            catch (ParameterException e)
            {
                e.Errors.ToList().ForEach(p => Fail($"parameters.{p.Parameter}", p.Message));
            }
            catch (Exception e) when (e is PluginException or ObjectDisposedException)
            {
                Fail("plugin_id", e.Message);
            }
        }

        if (errors.Count > 0 || strategy is null || bound is null || instruments is null || risk is null)
        {
            if (errors.Count == 0)
            {
                Fail("body", "The request is invalid.");
            }

            return (null, errors);
        }

        var runId = RunId.New();
        (TradingRun Run, AlpacaExecutionClient? Broker) kernel;
        try
        {
            kernel = Kernel(runId, instruments, risk, cash, o.Currency, strategy, request.Broker);
        }
        catch (ArgumentException e)
        {
            Fail("symbols", e.Message);
            return (null, errors);
        }

        db.Runs.Add(new RunEntity
        {
            Id = runId.Value,
            PluginId = request.PluginId!.Value,
            OwnerId = user.Id,
            ConfigId = request.ConfigId,
            ConfigVersion = config?.Version,
            LiveStrategyId = live?.LiveStrategyId,
            CheckInterval = live is null ? null : (int)live.CheckInterval.TotalSeconds,
            Broker = request.Broker,
            Status = "running",
            Symbols = string.Join(',', instruments.Select(i => i.Id.ToString())),
            ParametersJson = JsonSerializer.Serialize(bound.Values, JsonSetup.Options),
            RiskJson = JsonSerializer.Serialize(risk, JsonSetup.Options),
            StartingCash = cash,
            Currency = o.Currency,
            StartTime = wallClock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return (Launch(request.PluginId.Value, user.Id, kernel, null, live?.CheckInterval), null);
    }

    /// <summary>
    /// Resumes a run the database has as running (after a crash, a kill or a shutdown): the same plugin bound with its
    /// stored parameters, its stored symbols, risk settings, starting cash and currency, and <paramref name="recovery"/>
    /// (fills, open orders, counters, strategy state) restored by its loop. Returns null when resumed, else why it cannot be.
    /// A run that trades through a broker reads the broker's open orders and positions first, to reconcile with (a broker
    /// that cannot be read, or is no longer configured, leaves the run unresumed).
    /// The run holds a lease on its plugin until its loop ends.
    /// </summary>
    public async Task<string?> ResumeAsync(RunEntity row, RunRecovery recovery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(recovery);
        var lease = catalogue.Acquire(row.PluginId);
        if (lease is null)
        {
            return $"its plugin {row.PluginId} is not in the catalogue (deleted, or it no longer loads)";
        }

        try
        {
            var problems = new List<string>();
            var instruments = Instruments(row.Symbols.Split(',', StringSplitOptions.RemoveEmptyEntries), (_, message) => problems.Add(message));
            var parameters = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(row.ParametersJson) ?? [];
            var risk = JsonSerializer.Deserialize<RiskSettings>(row.RiskJson, JsonSetup.Options);
            if (instruments is null || risk is null)
            {
                return $"its stored settings are no longer valid: {string.Join(" ", problems.DefaultIfEmpty("no risk settings"))}";
            }

            if (row.Broker is { } broker && brokers.Problem(broker) is { } brokerProblem)
            {
                return brokerProblem;
            }

            var strategy = lease.Plugin.CreateInstance(lease.Plugin.Bind(parameters));
            var kernel = Kernel(new RunId(row.Id), instruments, risk, row.StartingCash, row.Currency, strategy, row.Broker);
            if (kernel.Broker is { } client)
            {
                try
                {
                    await client.PrepareResumeAsync(recovery, cancellationToken);
                }
                catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    await client.DisposeAsync();
                    return $"its broker {client.Venue} could not be read: {e.Message}";
                }
            }

            var host = Launch(row.PluginId, row.OwnerId, kernel, recovery, row.CheckInterval is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
            var held = lease;
            _ = host.Completion.ContinueWith(_ => held.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            lease = null;
            return null;
        }
        catch (Exception e) when (e is ParameterException or PluginException or ObjectDisposedException or ArgumentException or JsonException)
        {
            return e.Message;
        }
        finally
        {
            lease?.Dispose();
        }
    }

    /// <summary>
    /// Builds the kernel of a run with the configured fees, error limit and callback budget, on the simulated exchange, or
    /// through the configured broker account <paramref name="broker"/> (its execution client is returned, not started).
    /// </summary>
    /// <exception cref="ArgumentException">The instruments or risk settings are inconsistent (see <see cref="TradingRun"/>).</exception>
    private (TradingRun Run, AlpacaExecutionClient? Broker) Kernel(
        RunId runId, IReadOnlyList<Instrument> instruments, RiskSettings risk, decimal startingCash, string currency, Bourse.Sdk.Strategies.Strategy strategy, string? broker)
    {
        var o = options.Value;
        var settings = new RunSettings(runId, instruments, risk, startingCash, currency, o.FeeBps, o.MaxErrors)
        {
            CallbackLimits = new CallbackLimits(TimeSpan.FromMilliseconds(Math.Max(1, o.CallbackTimeBudgetMs)), Math.Max(1, o.CallbackAllocationBudgetBytes)),
        };
        if (broker is null)
        {
            return (new TradingRun(settings, strategy, feed.Clock, _sink), null);
        }

        var client = brokers.Create(broker, settings);
        return (new TradingRun(settings, strategy, feed.Clock, _sink, client), client);
    }

    /// <summary>
    /// Starts the loop of a built kernel (resuming it when <paramref name="recovery"/> is given) and registers it; with a
    /// <paramref name="checkInterval"/> its strategy sees the feed's bars aggregated to that period (see <see cref="LiveRunBinding"/>).
    /// A broker's execution client starts with the loop (its reports go into the loop's inputs) and is disposed when the loop ends.
    /// </summary>
    private RunHost Launch(Guid pluginId, Guid ownerId, (TradingRun Run, AlpacaExecutionClient? Broker) kernel, RunRecovery? recovery, TimeSpan? checkInterval)
    {
        var (run, broker) = kernel;
        var o = options.Value;
        var interval = checkInterval is { } period ? new BarResampler(new BarPeriod(period)) : null;
        var host = new RunHost(pluginId, run, _sink, wallClock, o.InputQueueCapacity, o.TickInterval, o.StateSaveInterval, recovery, loggers.CreateLogger<RunHost>(), interval);
        runPlugins.Add(run.Settings.RunId.Value, pluginId, ownerId);
        registry.Add(host);

        // The feed publishes the run's instruments from now until its loop ends (reference counted with other consumers).
        var subscriptions = feed.Subscriptions.SubscribeAll(run.Settings.Instruments.Select(i => i.Id));
        _ = host.Completion.ContinueWith(_ => subscriptions.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (broker is not null)
        {
            broker.Start(host.PostAsync);
            _ = host.Completion.ContinueWith(_ => broker.DisposeAsync().AsTask(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }

        host.Start();
        return host;
    }

    /// <summary>The feed's instruments named by <paramref name="symbols"/>, or null after reporting each bad one to <paramref name="fail"/> (field <c>symbols</c>).</summary>
    public List<Instrument>? Instruments(IReadOnlyList<string>? symbols, Action<string, string> fail)
    {
        if (symbols is null || symbols.Count == 0)
        {
            fail("symbols", "symbols must list at least one instrument id, e.g. [\"BTCUSD.COINBASE\"].");
            return null;
        }

        var result = new List<Instrument>();
        foreach (var symbol in symbols)
        {
            if (!InstrumentId.TryParse(symbol, out var id))
            {
                fail("symbols", $"'{symbol}' is not an instrument id of the form SYMBOL.VENUE.");
            }
            else if (feed.Instruments.FirstOrDefault(i => i.Id == id) is not { } instrument)
            {
                fail("symbols", $"The feed does not publish {id}; known: {string.Join(", ", feed.Instruments.Select(i => i.Id))}.");
            }
            else if (result.Contains(instrument))
            {
                fail("symbols", $"{id} is listed twice.");
            }
            else
            {
                result.Add(instrument);
            }
        }

        return result.Count == symbols.Count ? result : null;
    }

    /// <summary>Checks the <c>risk</c> object field by field (errors under <c>risk.field</c>) and builds the settings.</summary>
    internal static RiskSettings? Risk(RiskRequest r, IReadOnlyList<Instrument>? instruments, Action<string, string> fail)
    {
        var ok = true;
        void Check(bool valid, string field, string message)
        {
            if (!valid)
            {
                fail($"risk.{field}", message);
                ok = false;
            }
        }

        Check(r.MaxPositionSize is null or > 0m, "max_position_size", "max_position_size must be positive.");
        Check(r.MaxPositions is null or >= 1, "max_positions", "max_positions must be at least 1.");
        Check(r.DailyLossLimit is null or > 0m, "daily_loss_limit", "daily_loss_limit must be a positive amount.");
        Check(r.PositionSizePct is null or > 0m and <= 1m, "position_size_pct", "position_size_pct must be within (0, 1] (a share of equity, 0.1 = 10 %).");
        Check(r.SignalStrengthThreshold is null or >= 0 and <= 1, "signal_strength_threshold", "signal_strength_threshold must be within 0..1.");
        Check(r.MaxOrderQuantity is null or > 0m, "max_order_quantity", "max_order_quantity must be positive.");
        Check(r.MaxOrderNotional is null or > 0m, "max_order_notional", "max_order_notional must be positive.");
        Check(r.MaxPositionQuantity is null or > 0m, "max_position_quantity", "max_position_quantity must be positive.");
        Check(r.MaxOpenOrders is null or >= 1, "max_open_orders", "max_open_orders must be at least 1.");
        Check(r.PriceBandPct is null or > 0m, "price_band_pct", "price_band_pct must be positive (a fraction of the last price, 0.05 = 5 %).");
        Check(r.MaxDrawdownPct is null or > 0m and < 1m, "max_drawdown_pct", "max_drawdown_pct must be within (0, 1) (a fraction of the day's peak equity, 0.1 = 10 %).");
        Check(r.Leverage is null or >= 1m, "leverage", "leverage must be at least 1.");
        var leverage = r.Leverage ?? 1m;
        foreach (var perpetual in instruments?.Where(i => i.IsMargined && leverage > i.MaxLeverage) ?? [])
        {
            Check(false, "leverage", $"leverage {leverage} exceeds the largest leverage {perpetual.MaxLeverage} that {perpetual.Id} allows.");
        }

        OrderRateLimit? rate = null;
        if (r.OrderRate is { } o)
        {
            Check(o.MaxOrders is >= 1, "order_rate.max_orders", "order_rate.max_orders is required and must be at least 1.");
            Check(o.WindowSeconds is > 0 and <= 86_400, "order_rate.window_seconds", "order_rate.window_seconds is required and must be within (0, 86400].");
            rate = ok ? new OrderRateLimit(o.MaxOrders!.Value, TimeSpan.FromSeconds(o.WindowSeconds!.Value)) : null;
        }

        CircuitBreakerLimit? breaker = null;
        if (r.CircuitBreaker is { } c)
        {
            Check(c.MovePct is > 0m, "circuit_breaker.move_pct", "circuit_breaker.move_pct is required and must be positive (a fraction, 0.05 = 5 %).");
            Check(c.WindowSeconds is > 0 and <= 86_400, "circuit_breaker.window_seconds", "circuit_breaker.window_seconds is required and must be within (0, 86400].");
            Check(c.CooldownSeconds is > 0 and <= 86_400, "circuit_breaker.cooldown_seconds", "circuit_breaker.cooldown_seconds is required and must be within (0, 86400].");
            breaker = ok ? new CircuitBreakerLimit(c.MovePct!.Value, TimeSpan.FromSeconds(c.WindowSeconds!.Value), TimeSpan.FromSeconds(c.CooldownSeconds!.Value)) : null;
        }

        if (!ok)
        {
            return null;
        }

        var defaults = RiskSettings.Default;
        return new RiskSettings(
            r.MaxOrderQuantity, r.MaxOrderNotional, r.MaxPositionSize, r.MaxPositions, r.DailyLossLimit,
            r.PositionSizePct ?? defaults.PositionSizePct, r.AutoExecute ?? defaults.AutoExecute, r.SignalStrengthThreshold ?? defaults.SignalStrengthThreshold)
        {
            EnforceTickAndLot = r.EnforceTickAndLot ?? false,
            MaxPositionQuantity = r.MaxPositionQuantity,
            MaxOpenOrders = r.MaxOpenOrders,
            OrderRate = rate,
            PriceBandPct = r.PriceBandPct,
            DailyLossAction = r.DailyLossAction ?? defaults.DailyLossAction,
            MaxDrawdownPct = r.MaxDrawdownPct,
            DrawdownAction = r.DrawdownAction ?? defaults.DrawdownAction,
            CircuitBreaker = breaker,
            Leverage = leverage,
        };
    }
}
