using Bourse.Data.Feeds;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Sdk.Identifiers;
using Bourse.Server.Auth;
using Bourse.Server.LiveTrading;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Sessions;

/// <summary>The outcome of a session command: the session, or an HTTP status (400, 404, 409) with the errors by field.</summary>
public sealed record SessionOutcome(SessionDto? Session, int Status, Dictionary<string, string[]>? Errors)
{
    /// <summary>A refused command.</summary>
    public static SessionOutcome Refused(int status, string field, string message) => new(null, status, new() { [field] = [message] });
}

/// <summary>
/// Starts and stops trading sessions. A session is "this live strategy trades this symbol now": while it is active it holds
/// a feed subscription on the symbol (reference counted with every other consumer, so the feed publishes the symbol from
/// its first session, or run, until its last one leaves) and keeps its strategy running. Starting a session starts its
/// strategy when it is stopped; stopping a strategy's last active session stops the strategy. The symbol must be one of
/// the strategy's symbols, and <c>type</c> its kind (stock: an equity; crypto: a crypto pair or perpetual).
/// </summary>
public sealed class SessionService(
    IDbContextFactory<BourseDbContext> contexts,
    IMarketDataFeed feed,
    SessionSubscriptions subscriptions,
    LiveStrategyRunner runner,
    TimeProvider clock)
{
    /// <summary>Active.</summary>
    public const string Active = "active";

    /// <summary>Stopped.</summary>
    public const string Stopped = "stopped";

    /// <summary>Validates and starts a session owned by <paramref name="user"/> (the strategy's owner when an admin starts it).</summary>
    public async Task<SessionOutcome> StartAsync(SessionRequest request, CurrentUser user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        LiveStrategyEntity? strategy = null;
        if (request.StrategyId is not { } strategyId)
        {
            errors["strategy_id"] = ["strategy_id is required."];
        }
        else if ((strategy = await db.LiveStrategies.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(l => l.Id == strategyId, cancellationToken)) is null)
        {
            errors["strategy_id"] = [$"No live strategy has the id {strategyId}."];
        }

        Instrument? instrument = null;
        if (request.Symbol is not { } symbol)
        {
            errors["symbol"] = ["symbol is required, e.g. BTCUSD.COINBASE."];
        }
        else if (!InstrumentId.TryParse(symbol, out var id) || (instrument = feed.Instruments.FirstOrDefault(i => i.Id == id)) is null)
        {
            errors["symbol"] = [$"The feed does not publish '{symbol}'; known: {string.Join(", ", feed.Instruments.Select(i => i.Id))}."];
        }
        else if (strategy is not null && !strategy.Symbols.Split(',').Contains(instrument.Id.ToString()))
        {
            errors["symbol"] = [$"Live strategy '{strategy.Name}' does not trade {instrument.Id}; its symbols: {strategy.Symbols.Replace(",", ", ", StringComparison.Ordinal)}."];
        }

        if (request.Type is not ("stock" or "crypto"))
        {
            errors["type"] = [$"type must be stock or crypto (was '{request.Type}')."];
        }
        else if (instrument is not null && request.Type != TypeOf(instrument))
        {
            errors["type"] = [$"{instrument.Id} is {TypeOf(instrument)}, not {request.Type}."];
        }

        if (errors.Count > 0)
        {
            return new(null, StatusCodes.Status400BadRequest, errors);
        }

        var name = instrument!.Id.ToString();
        if (await db.Sessions.AnyAsync(s => s.StrategyId == strategy!.Id && s.Symbol == name && s.Status == Active, cancellationToken))
        {
            return SessionOutcome.Refused(StatusCodes.Status409Conflict, "symbol", $"Live strategy '{strategy!.Name}' already has an active session on {name}.");
        }

        var session = new SessionEntity
        {
            Id = Guid.NewGuid(), OwnerId = strategy!.OwnerId, Symbol = name, Type = request.Type!, StrategyId = strategy.Id, Status = Active,
            StartedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        subscriptions.Hold(session.Id, instrument.Id);

        if (!(await runner.StateAsync(db, strategy, cancellationToken)).Running)
        {
            var started = await runner.ApplyAsync(strategy.Id, "start", user, cancellationToken);
            if (started.State is null)
            {
                subscriptions.Release(session.Id);
                db.Sessions.Remove(session);
                await db.SaveChangesAsync(cancellationToken);
                return new(null, started.Status, started.Errors);
            }
        }

        return new(SessionDto.From(session, subscriptions.SubscribersOf(name)), StatusCodes.Status201Created, null);
    }

    /// <summary>Stops a session: releases its subscription, and stops its strategy when no other session of it is active.</summary>
    public async Task<SessionOutcome> StopAsync(Guid sessionId, CurrentUser user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = await db.Sessions.VisibleTo(user).FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return SessionOutcome.Refused(StatusCodes.Status404NotFound, "session_id", $"No session has the id {sessionId}.");
        }

        if (session.Status != Active)
        {
            return SessionOutcome.Refused(StatusCodes.Status409Conflict, "status", $"The session was already stopped at {session.StoppedAt:O}.");
        }

        session.Status = Stopped;
        session.StoppedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        subscriptions.Release(session.Id);

        var strategy = await db.LiveStrategies.AsNoTracking().FirstAsync(l => l.Id == session.StrategyId, cancellationToken);
        if (!await db.Sessions.AnyAsync(s => s.StrategyId == strategy.Id && s.Status == Active, cancellationToken) && runner.IsActive(strategy))
        {
            await runner.ApplyAsync(strategy.Id, "stop", user, cancellationToken);
        }

        return new(SessionDto.From(session, subscriptions.SubscribersOf(session.Symbol)), StatusCodes.Status200OK, null);
    }

    private static string TypeOf(Instrument instrument) => instrument.AssetClass == AssetClass.Equity ? "stock" : "crypto";
}
