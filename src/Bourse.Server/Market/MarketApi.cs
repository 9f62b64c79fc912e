using Bourse.Data.Feeds;
using Bourse.Persistence;
using Bourse.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Market;

/// <summary>An instrument the feed publishes.</summary>
/// <param name="Id">Instrument id, e.g. BTCUSD.COINBASE (what runs take as symbols).</param>
/// <param name="Symbol">Ticker.</param>
/// <param name="Venue">Venue.</param>
/// <param name="AssetClass">equity or crypto.</param>
/// <param name="QuoteCurrency">Quote currency.</param>
/// <param name="TickSize">Price increment, quote currency.</param>
/// <param name="LotSize">Quantity increment, base units.</param>
public sealed record InstrumentDto(string Id, string Symbol, string Venue, string AssetClass, string QuoteCurrency, decimal TickSize, decimal LotSize)
{
    /// <summary>From the engine's instrument.</summary>
    public static InstrumentDto From(Bourse.Sdk.Identifiers.Instrument i) => new(
        i.Id.ToString(), i.Id.Symbol, i.Id.Venue, i.AssetClass.ToString().ToLowerInvariant(), i.QuoteCurrency, i.TickSize, i.LotSize);
}

/// <summary>An instrument the feed publishes now, with how many consumers (runs, sessions, the server's standing subscription) hold it.</summary>
/// <param name="Symbol">Instrument id, e.g. BTCUSD.COINBASE.</param>
/// <param name="Subscribers">Live subscriptions on it (≥ 1).</param>
public sealed record SubscriptionDto(string Symbol, int Subscribers);

/// <summary>A stored bar. Prices in quote currency, volume in base units, times UTC (feed clock).</summary>
public sealed record BarDto(string Symbol, int PeriodSeconds, DateTime OpenTime, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume);

/// <summary>Maps <c>/api/v1/market</c>.</summary>
public static class MarketApi
{
    internal const int MaxBars = 5000;

    /// <summary>Maps the market data endpoints.</summary>
    public static IEndpointRouteBuilder MapMarketApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/market").WithTags("Market data");
        group.MapGet("/instruments", Instruments)
            .WithName("ListInstruments")
            .WithSummary("Instruments the feed publishes");
        group.MapGet("/subscriptions", Subscriptions)
            .WithName("ListSubscriptions")
            .WithSummary("Instruments the feed publishes now")
            .WithDescription("The feed publishes an instrument from its first subscriber (a run, a session, MarketData:AlwaysSubscribed) until its last one leaves; each with its number of subscribers.");
        group.MapGet("/bars", Bars)
            .WithName("ListBars")
            .WithSummary("Stored bars of an instrument")
            .WithDescription("symbol (required, e.g. BTCUSD.COINBASE), from/to (UTC, inclusive, on open time), limit 1..5000 (default 500): the latest bars in range, oldest first.")
            .ProducesValidationProblem();
        return endpoints;
    }

    private static Ok<Envelope<IReadOnlyList<InstrumentDto>>> Instruments(IMarketDataFeed feed)
    {
        IReadOnlyList<InstrumentDto> list = [.. feed.Instruments.Select(InstrumentDto.From)];
        return TypedResults.Ok(Envelope.Of($"{list.Count} instrument(s).", list));
    }

    private static Ok<Envelope<IReadOnlyList<SubscriptionDto>>> Subscriptions(IMarketDataFeed feed)
    {
        IReadOnlyList<SubscriptionDto> list = [.. feed.Subscriptions.Counts.Select(c => new SubscriptionDto(c.Key.ToString(), c.Value))];
        return TypedResults.Ok(Envelope.Of($"{list.Count} subscribed instrument(s).", list));
    }

    private static async Task<Results<Ok<Envelope<IReadOnlyList<BarDto>>>, ValidationProblem>> Bars(
        IDbContextFactory<BourseDbContext> contexts,
        IMarketDataFeed feed,
        CancellationToken cancellationToken,
        [FromQuery] string? symbol = null,
        [FromQuery] DateTime? from = null,
        [FromQuery] DateTime? to = null,
        [FromQuery] int limit = 500)
    {
        if (string.IsNullOrWhiteSpace(symbol) || !Bourse.Sdk.Identifiers.InstrumentId.TryParse(symbol, out var id))
        {
            return Problems.Invalid("symbol", "symbol is required, as SYMBOL.VENUE (e.g. BTCUSD.COINBASE).");
        }

        if (feed.Instruments.All(i => i.Id != id))
        {
            return Problems.Invalid("symbol", $"The feed does not publish {id}; see /api/v1/market/instruments.");
        }

        if (limit < 1 || limit > MaxBars)
        {
            return Problems.Invalid("limit", $"limit must be within 1..{MaxBars} (was {limit}).");
        }

        var fromUtc = from?.ToUniversalTime();
        var toUtc = to?.ToUniversalTime();
        if (fromUtc > toUtc)
        {
            return Problems.Invalid("from", "from must not be after to.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = id.ToString();
        var rows = await LatestStoredBarsAsync(db, key, fromUtc, toUtc, limit, cancellationToken);
        IReadOnlyList<BarDto> bars = [.. rows.Select(b => new BarDto(b.Symbol, b.PeriodSeconds, b.OpenTime, b.Open, b.High, b.Low, b.Close, b.Volume))];
        return TypedResults.Ok(Envelope.Of($"{bars.Count} bar(s) of {key}.", bars));
    }

    /// <summary>The latest <paramref name="limit"/> stored bars of <paramref name="symbol"/> with open time in [<paramref name="from"/>, <paramref name="to"/>] (UTC, either open), oldest first.</summary>
    internal static async Task<IReadOnlyList<Persistence.Entities.BarEntity>> LatestStoredBarsAsync(
        BourseDbContext db, string symbol, DateTime? from, DateTime? to, int limit, CancellationToken cancellationToken)
    {
        var query = db.Bars.AsNoTracking().Where(b => b.Symbol == symbol);
        if (from is { } f)
        {
            query = query.Where(b => b.OpenTime >= f);
        }

        if (to is { } t)
        {
            query = query.Where(b => b.OpenTime <= t);
        }

        var rows = await query.OrderByDescending(b => b.OpenTime).Take(limit).ToListAsync(cancellationToken);
        rows.Reverse();
        return rows;
    }
}
