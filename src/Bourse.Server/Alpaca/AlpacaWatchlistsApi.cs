using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Alpaca;

/// <summary>
/// Alpaca's watchlists (<c>/v2/watchlists</c>), stored per user in <c>watchlists</c>: list, create, get, replace
/// (PUT), append a symbol (POST), remove a symbol, delete; each addressed by id (<c>/v2/watchlists/{watchlist_id}</c>) or by
/// name (<c>/v2/watchlists:by_name?name=</c>). A user sees only their own watchlists (an admin too: they are an account's,
/// as on Alpaca); another user's id answers 404. Errors: 400 malformed body or id, 404 unknown watchlist or symbol not in
/// it, 422 a missing or too long name, a name already used, an unknown or duplicate symbol.
/// </summary>
public static class AlpacaWatchlistsApi
{
    private const int MaxName = 64;
    private const int MaxSymbols = 1000;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAlpacaWatchlistsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapAlpacaGroup("Alpaca: watchlists");
        group.MapGet("/watchlists", List).WithName("AlpacaListWatchlists").WithSummary("The caller's watchlists (without their assets)");
        group.MapPost("/watchlists", Create).WithName("AlpacaCreateWatchlist").WithSummary("Create a watchlist");

        const string ById = "/watchlists/{watchlist_id}";
        group.MapGet(ById, ([FromRoute(Name = "watchlist_id")] Guid id, Context c) => Get(c, ByIdFilter(id)))
            .WithName("AlpacaGetWatchlist").WithSummary("A watchlist with its assets");
        group.MapPut(ById, ([FromRoute(Name = "watchlist_id")] Guid id, AlpacaWatchlistRequest body, Context c) => Replace(c, ByIdFilter(id), body))
            .WithName("AlpacaReplaceWatchlist").WithSummary("Rename a watchlist and replace its symbols");
        group.MapPost(ById, ([FromRoute(Name = "watchlist_id")] Guid id, AlpacaWatchlistSymbolRequest body, Context c) => Append(c, ByIdFilter(id), body))
            .WithName("AlpacaAddToWatchlist").WithSummary("Append a symbol to a watchlist");
        group.MapDelete(ById, ([FromRoute(Name = "watchlist_id")] Guid id, Context c) => Delete(c, ByIdFilter(id)))
            .WithName("AlpacaDeleteWatchlist").WithSummary("Delete a watchlist");
        group.MapDelete(ById + "/{symbol}", ([FromRoute(Name = "watchlist_id")] Guid id, string symbol, Context c) => Remove(c, ByIdFilter(id), symbol))
            .WithName("AlpacaRemoveFromWatchlist").WithSummary("Remove a symbol from a watchlist");

        const string ByName = "/watchlists:by_name";
        group.MapGet(ByName, ([FromQuery] string name, Context c) => Get(c, ByNameFilter(name)))
            .WithName("AlpacaGetWatchlistByName").WithSummary("A watchlist by name");
        group.MapPut(ByName, ([FromQuery] string name, AlpacaWatchlistRequest body, Context c) => Replace(c, ByNameFilter(name), body))
            .WithName("AlpacaReplaceWatchlistByName").WithSummary("Rename a watchlist (by name) and replace its symbols");
        group.MapPost(ByName, ([FromQuery] string name, AlpacaWatchlistSymbolRequest body, Context c) => Append(c, ByNameFilter(name), body))
            .WithName("AlpacaAddToWatchlistByName").WithSummary("Append a symbol to a watchlist (by name)");
        group.MapDelete(ByName, ([FromQuery] string name, Context c) => Delete(c, ByNameFilter(name)))
            .WithName("AlpacaDeleteWatchlistByName").WithSummary("Delete a watchlist (by name)");
        group.MapDelete(ByName + "/{symbol}", ([FromQuery] string name, string symbol, Context c) => Remove(c, ByNameFilter(name), symbol))
            .WithName("AlpacaRemoveFromWatchlistByName").WithSummary("Remove a symbol from a watchlist (by name)");
        return endpoints;
    }

    /// <summary>What every handler needs, bound from services and the request.</summary>
    internal sealed record Context(CurrentUser User, AlpacaSymbols Symbols, IDbContextFactory<BourseDbContext> Contexts, TimeProvider Clock, CancellationToken Aborted)
    {
        /// <summary>Binds the context (minimal APIs' BindAsync convention).</summary>
        public static ValueTask<Context?> BindAsync(HttpContext http) => ValueTask.FromResult<Context?>(new Context(
            CurrentUser.From(http.User)!, http.RequestServices.GetRequiredService<AlpacaSymbols>(),
            http.RequestServices.GetRequiredService<IDbContextFactory<BourseDbContext>>(), http.RequestServices.GetRequiredService<TimeProvider>(), http.RequestAborted));
    }

    private static Func<IQueryable<WatchlistEntity>, IQueryable<WatchlistEntity>> ByIdFilter(Guid id) => q => q.Where(w => w.Id == id);

    private static Func<IQueryable<WatchlistEntity>, IQueryable<WatchlistEntity>> ByNameFilter(string name) => q => q.Where(w => w.Name == name);

    private static async Task<Ok<IReadOnlyList<AlpacaWatchlistDto>>> List(CurrentUser user, AlpacaSymbols symbols, IDbContextFactory<BourseDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Watchlists.AsNoTracking().Where(w => w.UserId == user.Id).OrderBy(w => w.CreatedAt).ThenBy(w => w.Name).ToListAsync(cancellationToken);
        IReadOnlyList<AlpacaWatchlistDto> list = [.. rows.Select(w => AlpacaWatchlistDto.Of(w, symbols, withAssets: false))];
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<AlpacaWatchlistDto>, JsonHttpResult<AlpacaError>>> Create(AlpacaWatchlistRequest body, Context c)
    {
        if (Validate(body, c.Symbols, out var instruments) is { } error)
        {
            return error;
        }

        await using var db = await c.Contexts.CreateDbContextAsync(c.Aborted);
        var now = c.Clock.GetUtcNow().UtcDateTime;
        var watchlist = new WatchlistEntity { Id = Guid.NewGuid(), UserId = c.User.Id, Name = body.Name!.Trim(), Instruments = instruments, CreatedAt = now, UpdatedAt = now };
        db.Watchlists.Add(watchlist);
        return await SaveAsync(db, watchlist, c);
    }

    private static async Task<Results<Ok<AlpacaWatchlistDto>, JsonHttpResult<AlpacaError>>> Get(Context c, Func<IQueryable<WatchlistEntity>, IQueryable<WatchlistEntity>> filter)
    {
        await using var db = await c.Contexts.CreateDbContextAsync(c.Aborted);
        return await FindAsync(db, c, filter) is { } watchlist ? TypedResults.Ok(AlpacaWatchlistDto.Of(watchlist, c.Symbols)) : NotFound();
    }

    private static async Task<Results<Ok<AlpacaWatchlistDto>, JsonHttpResult<AlpacaError>>> Replace(Context c, Func<IQueryable<WatchlistEntity>, IQueryable<WatchlistEntity>> filter, AlpacaWatchlistRequest body)
    {
        if (Validate(body, c.Symbols, out var instruments) is { } error)
        {
            return error;
        }

        await using var db = await c.Contexts.CreateDbContextAsync(c.Aborted);
        if (await FindAsync(db, c, filter) is not { } watchlist)
        {
            return NotFound();
        }

        watchlist.Name = body.Name!.Trim();
        watchlist.Instruments = instruments;
        return await SaveAsync(db, watchlist, c);
    }

    private static async Task<Results<Ok<AlpacaWatchlistDto>, JsonHttpResult<AlpacaError>>> Append(Context c, Func<IQueryable<WatchlistEntity>, IQueryable<WatchlistEntity>> filter, AlpacaWatchlistSymbolRequest body)
    {
        if (!c.Symbols.TryResolve(body.Symbol, out var asset))
        {
            return AlpacaErrors.Unprocessable($"symbol: asset not found for '{body.Symbol}'.");
        }

        await using var db = await c.Contexts.CreateDbContextAsync(c.Aborted);
        if (await FindAsync(db, c, filter) is not { } watchlist)
        {
            return NotFound();
        }

        var instrument = asset.Instrument.Id.ToString();
        if (watchlist.Instruments.Contains(instrument))
        {
            return AlpacaErrors.Unprocessable($"symbol: {asset.Symbol} is already in watchlist '{watchlist.Name}'.");
        }

        if (watchlist.Instruments.Count >= MaxSymbols)
        {
            return AlpacaErrors.Unprocessable($"symbol: a watchlist holds at most {MaxSymbols} symbols.");
        }

        watchlist.Instruments = [.. watchlist.Instruments, instrument];
        return await SaveAsync(db, watchlist, c);
    }

    private static async Task<Results<Ok<AlpacaWatchlistDto>, JsonHttpResult<AlpacaError>>> Remove(Context c, Func<IQueryable<WatchlistEntity>, IQueryable<WatchlistEntity>> filter, string symbol)
    {
        await using var db = await c.Contexts.CreateDbContextAsync(c.Aborted);
        if (await FindAsync(db, c, filter) is not { } watchlist)
        {
            return NotFound();
        }

        symbol = Uri.UnescapeDataString(symbol);
        if (!c.Symbols.TryResolve(symbol, out var asset) || !watchlist.Instruments.Contains(asset.Instrument.Id.ToString()))
        {
            return AlpacaErrors.NotFound($"symbol: {symbol} is not in watchlist '{watchlist.Name}'.");
        }

        watchlist.Instruments = [.. watchlist.Instruments.Where(i => i != asset.Instrument.Id.ToString())];
        return await SaveAsync(db, watchlist, c);
    }

    private static async Task<Results<NoContent, JsonHttpResult<AlpacaError>>> Delete(Context c, Func<IQueryable<WatchlistEntity>, IQueryable<WatchlistEntity>> filter)
    {
        await using var db = await c.Contexts.CreateDbContextAsync(c.Aborted);
        var deleted = await filter(db.Watchlists.Where(w => w.UserId == c.User.Id)).ExecuteDeleteAsync(c.Aborted);
        return deleted > 0 ? TypedResults.NoContent() : NotFound();
    }

    private static Task<WatchlistEntity?> FindAsync(BourseDbContext db, Context c, Func<IQueryable<WatchlistEntity>, IQueryable<WatchlistEntity>> filter) =>
        filter(db.Watchlists.Where(w => w.UserId == c.User.Id)).FirstOrDefaultAsync(c.Aborted);

    private static async Task<Results<Ok<AlpacaWatchlistDto>, JsonHttpResult<AlpacaError>>> SaveAsync(BourseDbContext db, WatchlistEntity watchlist, Context c)
    {
        watchlist.UpdatedAt = c.Clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(c.Aborted);
        }
        catch (DbUpdateException)
        {
            if (!await NameTakenAsync(watchlist, c))
            {
                throw;
            }

            return AlpacaErrors.Unprocessable($"name: you already have a watchlist named '{watchlist.Name}'.");
        }

        return TypedResults.Ok(AlpacaWatchlistDto.Of(watchlist, c.Symbols));
    }

    private static async Task<bool> NameTakenAsync(WatchlistEntity watchlist, Context c)
    {
        await using var db = await c.Contexts.CreateDbContextAsync(c.Aborted);
        return await db.Watchlists.AnyAsync(w => w.UserId == c.User.Id && w.Name == watchlist.Name && w.Id != watchlist.Id, c.Aborted);
    }

    /// <summary>Checks a name of 1..<see cref="MaxName"/> characters and known symbols; null when valid, with their instrument ids (first occurrence kept).</summary>
    private static JsonHttpResult<AlpacaError>? Validate(AlpacaWatchlistRequest body, AlpacaSymbols symbols, out List<string> instruments)
    {
        instruments = [];
        if (body.Name?.Trim() is not { Length: >= 1 and <= MaxName })
        {
            return AlpacaErrors.Unprocessable($"name: required, 1..{MaxName} characters.");
        }

        var requested = body.Symbols ?? [];
        if (requested.Count > MaxSymbols)
        {
            return AlpacaErrors.Unprocessable($"symbols: at most {MaxSymbols} (got {requested.Count}).");
        }

        for (var i = 0; i < requested.Count; i++)
        {
            if (!symbols.TryResolve(requested[i], out var asset))
            {
                return AlpacaErrors.Unprocessable($"symbols[{i}]: asset not found for '{requested[i]}'.");
            }

            if (!instruments.Contains(asset.Instrument.Id.ToString()))
            {
                instruments.Add(asset.Instrument.Id.ToString());
            }
        }

        return null;
    }

    private static JsonHttpResult<AlpacaError> NotFound() => AlpacaErrors.NotFound("watchlist not found.");
}
