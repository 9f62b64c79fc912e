using System.Text.Json.Serialization;
using Bourse.Persistence.Entities;

namespace Bourse.Server.Alpaca;

/// <summary>A watchlist in Alpaca's form.</summary>
/// <param name="Id">Watchlist id.</param>
/// <param name="AccountId">The owner's account: the Bourse user id.</param>
/// <param name="CreatedAt">Creation time, UTC.</param>
/// <param name="UpdatedAt">Last change, UTC.</param>
/// <param name="Name">Name, unique per user.</param>
/// <param name="Assets">The assets in the order added; left out of the list answer (<c>GET /v2/watchlists</c>), as Alpaca does.</param>
public sealed record AlpacaWatchlistDto(
    Guid Id, Guid AccountId, DateTime CreatedAt, DateTime UpdatedAt, string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AlpacaAssetDto>? Assets)
{
    /// <summary>The DTO of <paramref name="watchlist"/>; with its assets (those the feed still publishes) unless <paramref name="withAssets"/> is false.</summary>
    public static AlpacaWatchlistDto Of(WatchlistEntity watchlist, AlpacaSymbols symbols, bool withAssets = true) => new(
        watchlist.Id, watchlist.UserId, watchlist.CreatedAt, watchlist.UpdatedAt, watchlist.Name,
        withAssets
            ? [.. watchlist.Instruments.Select(i => Sdk.Identifiers.InstrumentId.TryParse(i, out var id) && symbols.TryGet(id, out var a) ? AlpacaAssetDto.Of(a) : null).OfType<AlpacaAssetDto>()]
            : null);
}

/// <summary>Body of <c>POST /v2/watchlists</c> and <c>PUT /v2/watchlists/{id}</c>.</summary>
/// <param name="Name">Name, 1..64 characters, unique per user (required).</param>
/// <param name="Symbols">Alpaca symbols (SPY, BTC/USD); a PUT replaces the list with these. Duplicates are kept once.</param>
public sealed record AlpacaWatchlistRequest(string? Name, IReadOnlyList<string>? Symbols);

/// <summary>Body of <c>POST /v2/watchlists/{id}</c>: the symbol to append.</summary>
/// <param name="Symbol">Alpaca symbol (required).</param>
public sealed record AlpacaWatchlistSymbolRequest(string? Symbol);
