using System.Globalization;
using Bourse.Data.Feeds;
using Bourse.Engine.Calendars;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bourse.Server.Alpaca;

/// <summary>
/// Alpaca's reference endpoints: <c>/v2/assets</c>, <c>/v2/assets/{symbol_or_asset_id}</c>, <c>/v2/clock</c>,
/// <c>/v2/calendar</c>. The clock is the feed's (<see cref="IMarketDataFeed.Clock"/>): the time of the simulated market
/// that orders execute in (a replay's shifted, sped-up time; the wall clock on a live feed).
/// </summary>
public static class AlpacaReferenceApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAlpacaReferenceApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapAlpacaGroup("Alpaca: reference data");
        group.MapGet("/assets", Assets)
            .WithName("AlpacaListAssets")
            .WithSummary("Assets (the feed's instruments in Alpaca's form)")
            .WithDescription("status: active (every asset) or inactive (none); asset_class: us_equity or crypto; exchange: e.g. NASDAQ, CRYPTO.");
        group.MapGet("/assets/{symbol_or_asset_id}", Asset)
            .WithName("AlpacaGetAsset")
            .WithSummary("An asset by Alpaca symbol (SPY, BTC/USD, BTCUSD) or asset id");
        group.MapGet("/clock", Clock)
            .WithName("AlpacaGetClock")
            .WithSummary("The US equity market clock on the feed's time");
        group.MapGet("/calendar", Calendar)
            .WithName("AlpacaGetCalendar")
            .WithSummary("NYSE trading days from start to end")
            .WithDescription("start, end: dates (yyyy-MM-dd or RFC 3339, New York date taken), inclusive; default from the feed's today to one year later; at most 10 years.");
        return endpoints;
    }

    private static Results<Ok<IReadOnlyList<AlpacaAssetDto>>, JsonHttpResult<AlpacaError>> Assets(
        AlpacaSymbols symbols, [FromQuery] string? status = null, [FromQuery(Name = "asset_class")] string? assetClass = null, [FromQuery] string? exchange = null)
    {
        if (status is not (null or "active" or "inactive"))
        {
            return AlpacaErrors.Unprocessable($"status: must be active or inactive (was '{status}').");
        }

        if (assetClass is not (null or "us_equity" or "crypto"))
        {
            return AlpacaErrors.Unprocessable($"asset_class: must be us_equity or crypto (was '{assetClass}').");
        }

        IReadOnlyList<AlpacaAssetDto> list = [.. symbols.Assets
            .Where(a => status != "inactive" && (assetClass is null || a.AssetClass == assetClass))
            .Select(AlpacaAssetDto.Of)
            .Where(a => exchange is null || string.Equals(a.Exchange, exchange, StringComparison.OrdinalIgnoreCase))];
        return TypedResults.Ok(list);
    }

    private static Results<Ok<AlpacaAssetDto>, JsonHttpResult<AlpacaError>> Asset(AlpacaSymbols symbols, [FromRoute(Name = "symbol_or_asset_id")] string symbolOrAssetId) =>
        symbols.TryResolveSymbolOrId(Uri.UnescapeDataString(symbolOrAssetId), out var asset)
            ? TypedResults.Ok(AlpacaAssetDto.Of(asset))
            : AlpacaErrors.NotFound($"asset not found for {symbolOrAssetId}");

    private static Ok<AlpacaClockDto> Clock(IMarketDataFeed feed) => TypedResults.Ok(AlpacaCalendar.Clock(feed.Clock.GetUtcNow().UtcDateTime));

    private static Results<Ok<IReadOnlyList<AlpacaCalendarDayDto>>, JsonHttpResult<AlpacaError>> Calendar(
        IMarketDataFeed feed, [FromQuery] string? start = null, [FromQuery] string? end = null)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(feed.Clock.GetUtcNow().UtcDateTime, UsEquityCalendar.NewYork));
        if (!TryDate(start, today, out var from))
        {
            return AlpacaErrors.Unprocessable($"start: '{start}' is not a date (yyyy-MM-dd) or an RFC 3339 time.");
        }

        if (!TryDate(end, from.AddYears(1), out var to))
        {
            return AlpacaErrors.Unprocessable($"end: '{end}' is not a date (yyyy-MM-dd) or an RFC 3339 time.");
        }

        if (to < from || to > from.AddYears(10))
        {
            return AlpacaErrors.Unprocessable($"end: must be on or after start and at most 10 years later (start {from:yyyy-MM-dd}, end {to:yyyy-MM-dd}).");
        }

        IReadOnlyList<AlpacaCalendarDayDto> days = [.. AlpacaCalendar.Days(from, to)];
        return TypedResults.Ok(days);
    }

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        date = fallback;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, UsEquityCalendar.NewYork).DateTime);
            return true;
        }

        return false;
    }
}
