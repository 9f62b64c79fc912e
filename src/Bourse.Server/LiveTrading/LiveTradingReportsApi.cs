using Bourse.Data.Feeds;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.LiveTrading;

/// <summary>
/// Maps the read side of live trading: <c>/api/v1/live-trading/signals/recent</c>, <c>/positions</c> and <c>/dashboard</c>,
/// over the caller's live strategies only.
/// </summary>
public static class LiveTradingReportsApi
{
    private const int MaxLimit = 1000;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapLiveTradingReportsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/live-trading").WithTags("Live trading");
        group.MapGet("/signals/recent", RecentSignals)
            .WithName("ListRecentLiveSignals").WithSummary("Signals of the caller's live strategies, newest first")
            .WithDescription("Filters: strategy_id, symbol (SYMBOL.VENUE), type (buy, sell, hold), executed (true/false), since (UTC, ISO 8601, market time). limit 1..1000 (default 50), offset. Each signal has its strength, price, indicator values, whether it was executed and its order or the reason it was not.")
            .ProducesValidationProblem();
        group.MapGet("/positions", Positions)
            .WithName("ListLivePositions").WithSummary("Open positions of the caller's live strategies (their latest runs)");
        group.MapGet("/dashboard", Dashboard)
            .WithName("GetLiveDashboard").WithSummary("Active and total strategies, signals and trades today, daily and total P&L, open positions")
            .WithDescription("Today = since 00:00 UTC on the market feed's clock (the replay's time when replaying).");
        return endpoints;
    }

    private static async Task<Results<Ok<Envelope<LiveSignalPage>>, ValidationProblem>> RecentSignals(
        CurrentUser user,
        IDbContextFactory<BourseDbContext> contexts,
        CancellationToken cancellationToken,
        [FromQuery(Name = "strategy_id")] Guid? strategyId = null,
        [FromQuery] string? symbol = null,
        [FromQuery] string? type = null,
        [FromQuery] bool? executed = null,
        [FromQuery] DateTime? since = null,
        [FromQuery] int limit = 50,
        [FromQuery] int offset = 0)
    {
        if (Problems.Paging(limit, offset, MaxLimit) is { } problem)
        {
            return problem;
        }

        if (type is not (null or "buy" or "sell" or "hold"))
        {
            return Problems.Invalid("type", $"type must be buy, sell or hold (was '{type}').");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = LiveSignals.Query(db, user);
        if (strategyId is { } id)
        {
            query = query.Where(x => x.Run.LiveStrategyId == id);
        }

        if (symbol is not null)
        {
            query = query.Where(x => x.Signal.Symbol == symbol);
        }

        if (type is not null)
        {
            query = query.Where(x => x.Signal.SignalType == type);
        }

        if (executed is { } e)
        {
            query = query.Where(x => x.Signal.Executed == e);
        }

        if (since is { } t)
        {
            var utc = t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc);
            query = query.Where(x => x.Signal.Timestamp >= utc);
        }

        var count = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(x => x.Signal.Timestamp).ThenByDescending(x => x.Signal.Id).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        return TypedResults.Ok(Envelope.Of($"{rows.Count} of {count} signal(s).", new LiveSignalPage([.. rows.Select(LiveSignals.ToDto)], count, limit, offset)));
    }

    private static async Task<Ok<Envelope<IReadOnlyList<LivePositionDto>>>> Positions(
        CurrentUser user, IDbContextFactory<BourseDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await OpenPositions(db, user).OrderBy(x => x.Strategy.Name).ThenBy(x => x.Position.Symbol).ToListAsync(cancellationToken);
        IReadOnlyList<LivePositionDto> positions = [.. rows.Select(x => new LivePositionDto(
            x.Strategy.Id, x.Strategy.Name, x.Position.RunId, x.Position.Symbol, x.Position.NetQuantity, x.Position.AveragePrice, x.Position.LastPrice,
            x.Position.RealizedPnl, x.Position.UnrealizedPnl, x.Position.UpdatedAt))];
        return TypedResults.Ok(Envelope.Of($"{positions.Count} open position(s).", positions));
    }

    private static async Task<Ok<Envelope<LiveDashboardDto>>> Dashboard(
        CurrentUser user, LiveStrategyRunner runner, IMarketDataFeed feed, IDbContextFactory<BourseDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var strategies = await db.LiveStrategies.AsNoTracking().VisibleTo(user).ToListAsync(cancellationToken);
        var active = strategies.Where(runner.IsActive).ToList();
        var activeRuns = active.Select(s => s.CurrentRunId!.Value).ToList();
        var today = feed.Clock.GetUtcNow().UtcDateTime.Date;
        var runs = db.Runs.VisibleTo(user).Where(r => r.LiveStrategyId != null);
        var signalsToday = await LiveSignals.Query(db, user).CountAsync(x => x.Signal.Timestamp >= today, cancellationToken);
        var tradesToday = await db.Fills.Join(runs, f => f.RunId, r => r.Id, (f, _) => f).CountAsync(f => f.Timestamp >= today, cancellationToken);

        // Sums in memory: SQLite cannot sum decimals in SQL.
        var dailyPnl = (await db.Runs.Where(r => activeRuns.Contains(r.Id)).Select(r => r.DailyPnl).ToListAsync(cancellationToken)).Sum();
        var totalPnl = (await runs.Select(r => r.ProfitLoss).ToListAsync(cancellationToken)).Sum();
        var openPositions = await OpenPositions(db, user).CountAsync(cancellationToken);
        var dashboard = new LiveDashboardDto(active.Count, strategies.Count, signalsToday, tradesToday, dailyPnl, totalPnl, openPositions);
        return TypedResults.Ok(Envelope.Of($"{active.Count} of {strategies.Count} live strateg{(strategies.Count == 1 ? "y" : "ies")} active.", dashboard));
    }

    /// <summary>Non-flat positions of the latest runs of the user's live strategies.</summary>
    private static IQueryable<StrategyPosition> OpenPositions(BourseDbContext db, CurrentUser user) =>
        db.Positions.Where(p => p.NetQuantity != 0m)
            .Join(db.LiveStrategies.VisibleTo(user), p => (Guid?)p.RunId, s => s.CurrentRunId, (p, s) => new StrategyPosition { Position = p, Strategy = s });

    private sealed class StrategyPosition
    {
        public required PositionEntity Position { get; init; }

        public required LiveStrategyEntity Strategy { get; init; }
    }
}
