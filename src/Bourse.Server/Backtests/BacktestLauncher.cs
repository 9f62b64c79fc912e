using System.Text.Json;
using Bourse.Data.Files;
using Bourse.Engine.Runs;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Plugins;
using Bourse.Plugins.Parameters;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;
using Bourse.Server.Plugins;
using Bourse.Server.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Backtests;

/// <summary>The outcome of a backtest request: the started job and its row, or the errors by field.</summary>
public sealed record BacktestStart(BacktestJob? Job, BacktestEntity? Row, Dictionary<string, string[]>? Errors);

/// <summary>
/// Validates a backtest request (plugin, symbols of the data files, parameters, cash, risk), records it in
/// <c>backtests</c> and starts its <see cref="BacktestJob"/>. Fees and the strategy error limit are the runs'
/// (<c>Runs:FeeBps</c>, <c>Runs:MaxErrors</c>); the plugin is held (not deletable) until the backtest ends.
/// </summary>
public sealed class BacktestLauncher(
    IDbContextFactory<BourseDbContext> contexts,
    PluginCatalogue catalogue,
    BacktestData data,
    BacktestRegistry registry,
    IOptions<RunOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<BacktestJob> logger)
{
    /// <summary>Starts a backtest owned by <paramref name="user"/>, or returns the errors by field (plugin_id, symbols, starting_cash, risk.&lt;field&gt;, parameters.&lt;name&gt;).</summary>
    public async Task<BacktestStart> StartAsync(StartBacktestRequest request, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = errors.TryGetValue(field, out var m) ? [.. m, message] : [message];

        var lease = request.PluginId is { } id ? catalogue.Acquire(id) : null;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var visible = lease is not null && await db.Plugins.VisibleTo(user).AnyAsync(p => p.Id == request.PluginId, cancellationToken);
            if (request.PluginId is null)
            {
                Fail("plugin_id", "plugin_id is required.");
            }
            else if (!visible)
            {
                Fail("plugin_id", $"No plugin in the catalogue has the id {request.PluginId}.");
            }

            var instruments = Instruments(request.Symbols, Fail);
            var cash = request.StartingCash ?? options.Value.StartingCash;
            if (cash <= 0m)
            {
                Fail("starting_cash", $"starting_cash must be positive (was {cash}).");
            }

            var riskRequest = (request.Risk ?? new RiskRequest()) with { AutoExecute = request.Risk?.AutoExecute ?? true };
            var risk = RunLauncher.Risk(riskRequest, instruments, Fail);
            BoundParameters? bound = null;
            if (visible)
            {
                try
                {
                    bound = lease!.Plugin.Bind(request.Parameters ?? []);
                }
                catch (ParameterException e)
                {
                    e.Errors.ToList().ForEach(p => Fail($"parameters.{p.Parameter}", p.Message));
                }
            }

            if (errors.Count > 0 || bound is null || instruments is null || risk is null)
            {
                return new BacktestStart(null, null, errors.Count > 0 ? errors : new() { ["body"] = ["The request is invalid."] });
            }

            IReadOnlyList<Bar> bars;
            try
            {
                bars = data.Bars(instruments);
            }
            catch (Exception e) when (e is DataFileException or IOException)
            {
                return new BacktestStart(null, null, new() { ["symbols"] = [$"The server's data files cannot be read: {e.Message}"] });
            }

            var backtestId = Guid.NewGuid();
            var o = options.Value;
            var currency = instruments[0].QuoteCurrency;
            var settings = new RunSettings(new RunId(backtestId), instruments, risk, cash, currency, o.FeeBps, o.MaxErrors)
            {
                CallbackLimits = new CallbackLimits(TimeSpan.FromMilliseconds(Math.Max(1, o.CallbackTimeBudgetMs)), Math.Max(1, o.CallbackAllocationBudgetBytes)),
            };
            var row = new BacktestEntity
            {
                Id = backtestId,
                OwnerId = user.Id,
                PluginId = request.PluginId!.Value,
                StrategyName = lease!.Plugin.Metadata.Name,
                Status = "running",
                BarCount = bars.Count,
                Symbols = string.Join(',', instruments.Select(i => i.Id.ToString())),
                ParametersJson = JsonSerializer.Serialize(bound.Values, JsonSetup.Options),
                RiskJson = JsonSerializer.Serialize(risk, JsonSetup.Options),
                StartingCash = cash,
                Currency = currency,
                FeeBps = o.FeeBps,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Backtests.Add(row);
            await db.SaveChangesAsync(cancellationToken);

            var plugin = lease.Plugin;
            var job = new BacktestJob(backtestId, user.Id, () => plugin.CreateInstance(bound), bars, settings);
            registry.Add(job);
            var held = lease;
            lease = null;
            job.Start(contexts, clock, logger, held.Dispose, lifetime.ApplicationStopping);
            return new BacktestStart(job, row, null);
        }
        finally
        {
            lease?.Dispose();
        }
    }

    /// <summary>The data files' instruments named by <paramref name="symbols"/> (one quote currency), or null after reporting each problem under <c>symbols</c>.</summary>
    private List<Instrument>? Instruments(IReadOnlyList<string>? symbols, Action<string, string> fail)
    {
        if (symbols is null || symbols.Count == 0)
        {
            fail("symbols", "symbols must list at least one instrument id of the data files, e.g. [\"SPY.USA\"].");
            return null;
        }

        IReadOnlyList<Instrument> available;
        try
        {
            available = data.Instruments();
        }
        catch (Exception e) when (e is DataFileException or DirectoryNotFoundException or IOException)
        {
            fail("symbols", $"The server's data files cannot be read: {e.Message}");
            return null;
        }

        var result = new List<Instrument>();
        foreach (var symbol in symbols)
        {
            if (!InstrumentId.TryParse(symbol, out var id))
            {
                fail("symbols", $"'{symbol}' is not an instrument id of the form SYMBOL.VENUE.");
            }
            else if (available.FirstOrDefault(i => i.Id == id) is not { } instrument)
            {
                fail("symbols", $"The data files hold no bars of {id}; they hold {string.Join(", ", available.Select(i => i.Id))}.");
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

        if (result.Select(i => i.QuoteCurrency).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1)
        {
            fail("symbols", $"The instruments are quoted in {string.Join(", ", result.Select(i => i.QuoteCurrency).Distinct())}; a backtest has one account currency.");
            return null;
        }

        return result.Count == symbols.Count ? result : null;
    }
}
