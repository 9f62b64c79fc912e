using System.Globalization;
using Bourse.Data.Feeds;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Server.Market;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bourse.Server.Datafeed;

/// <summary>
/// TradingView's UDF datafeed under <c>/api/v1/datafeed</c>, built from the stored feed bars (<see cref="BarHistory"/>, the
/// same aggregation as Alpaca's bars). Resolutions 1, 5, 15, 60, 240 (minutes), 1D (or D), 1W (or W). Symbols are taken as
/// the instrument id (<c>SPY.NASDAQ</c>), <c>EXCHANGE:SYMBOL</c> (<c>NASDAQ:SPY</c>) or the bare ticker (<c>SPY</c>, the
/// first venue's). Like every other endpoint it needs a credential (TradingView's UDF adapter sends headers through its
/// <c>Requester</c>: pass <c>Authorization: Bearer bk_….secret</c>). Its own errors are UDF's <c>{s: "error", errmsg}</c>
/// with 400 (bad argument) or 404 (unknown symbol); time is the feed's clock, the time base of the stored bars.
/// </summary>
public static class DatafeedApi
{
    /// <summary>The resolutions TradingView may ask for.</summary>
    public static readonly IReadOnlyList<string> Resolutions = ["1", "5", "15", "60", "240", "1D", "1W"];

    private const int MaxBars = 20_000;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapDatafeedApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/datafeed").WithTags("TradingView");
        group.MapGet("/config", Config).WithName("UdfConfig").WithSummary("UDF configuration");
        group.MapGet("/search", Search).WithName("UdfSearch").WithSummary("Search symbols (query, type, exchange, limit)").Produces<UdfError>(StatusCodes.Status400BadRequest);
        group.MapGet("/resolve/{symbol}", (string symbol, IMarketDataFeed feed) => Resolve(feed, symbol)).WithName("UdfResolve").WithSummary("Symbol info")
            .Produces<UdfError>(StatusCodes.Status400BadRequest).Produces<UdfError>(StatusCodes.Status404NotFound);
        group.MapGet("/symbols", ([FromQuery] string? symbol, IMarketDataFeed feed) => Resolve(feed, symbol)).WithName("UdfSymbols").WithSummary("Symbol info (symbol=)")
            .Produces<UdfError>(StatusCodes.Status400BadRequest).Produces<UdfError>(StatusCodes.Status404NotFound);
        group.MapGet("/history", History).WithName("UdfHistory").WithSummary("Bars (symbol, resolution, from, to, countback)")
            .Produces<UdfError>(StatusCodes.Status400BadRequest).Produces<UdfError>(StatusCodes.Status404NotFound);
        group.MapGet("/bars", History).WithName("UdfBars").WithSummary("Bars, as history")
            .Produces<UdfError>(StatusCodes.Status400BadRequest).Produces<UdfError>(StatusCodes.Status404NotFound);
        group.MapGet("/quotes", Quotes).WithName("UdfQuotes").WithSummary("Quotes of symbols (comma-separated)").Produces<UdfError>(StatusCodes.Status400BadRequest);
        group.MapGet("/time", (IMarketDataFeed feed) => TypedResults.Ok(feed.Clock.GetUtcNow().ToUnixTimeSeconds()))
            .WithName("UdfTime").WithSummary("The feed's time, Unix seconds (a bare number, as UDF's plain text answer)");
        group.MapGet("/health", (IMarketDataFeed feed) => TypedResults.Ok(new UdfHealth("ok", feed.Clock.GetUtcNow().ToUnixTimeSeconds(), feed.Instruments.Count)))
            .WithName("UdfHealth").WithSummary("The datafeed answers");
        return endpoints;
    }

    /// <summary>The period of a UDF resolution; false when not supported.</summary>
    public static bool TryPeriod(string? resolution, out BarPeriod period)
    {
        TimeSpan? span = resolution?.ToUpperInvariant() switch
        {
            "1" or "5" or "15" or "60" or "240" => TimeSpan.FromMinutes(int.Parse(resolution, CultureInfo.InvariantCulture)),
            "1D" or "D" => TimeSpan.FromDays(1),
            "1W" or "W" => TimeSpan.FromDays(7),
            _ => null,
        };
        period = span is { } s ? new BarPeriod(s) : default;
        return span is not null;
    }

    private static Ok<UdfConfig> Config(IMarketDataFeed feed) => TypedResults.Ok(new UdfConfig(
        Resolutions, SupportsGroupRequest: false, SupportsMarks: false, SupportsSearch: true, SupportsTimescaleMarks: false, SupportsTime: true,
        [new UdfExchange("", "All exchanges", ""), .. feed.Instruments.Select(i => i.Id.Venue).Distinct().Order(StringComparer.Ordinal).Select(v => new UdfExchange(v, v, v))],
        [new UdfSymbolType("All types", ""), new UdfSymbolType("Stock", "stock"), new UdfSymbolType("Crypto", "crypto")]));

    private static Results<Ok<IReadOnlyList<UdfSearchResult>>, JsonHttpResult<UdfError>> Search(
        IMarketDataFeed feed, [FromQuery] string? query = null, [FromQuery] string? type = null, [FromQuery] string? exchange = null, [FromQuery] string? limit = null)
    {
        var max = 30;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max < 1))
        {
            return Error(StatusCodes.Status400BadRequest, $"limit: a positive integer expected (was '{limit}').");
        }

        IReadOnlyList<UdfSearchResult> found = [.. feed.Instruments
            .Where(i => string.IsNullOrEmpty(query) || i.Id.ToString().Contains(query, StringComparison.OrdinalIgnoreCase))
            .Where(i => string.IsNullOrEmpty(type) || TypeOf(i) == type)
            .Where(i => string.IsNullOrEmpty(exchange) || string.Equals(i.Id.Venue, exchange, StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => i.Id.ToString(), StringComparer.Ordinal)
            .Take(max)
            .Select(i => new UdfSearchResult(i.Id.Symbol, $"{i.Id.Venue}:{i.Id.Symbol}", i.Id.ToString(), i.Id.Venue, i.Id.ToString(), TypeOf(i)))];
        return TypedResults.Ok(found);
    }

    private static Results<Ok<UdfSymbolInfo>, JsonHttpResult<UdfError>> Resolve(IMarketDataFeed feed, string? symbol)
    {
        if (Find(feed, symbol, out var instrument) is { } error)
        {
            return error;
        }

        var equity = instrument.AssetClass == AssetClass.Equity;
        return TypedResults.Ok(new UdfSymbolInfo(
            instrument.Id.Symbol, instrument.Id.ToString(), instrument.Id.ToString(), TypeOf(instrument), "24x7", equity ? "America/New_York" : "Etc/UTC",
            instrument.Id.Venue, instrument.Id.Venue, "price", 1, (long)decimal.Round(1m / instrument.TickSize), HasIntraday: true, HasDaily: true,
            HasWeeklyAndMonthly: true, Resolutions, Decimals(instrument.LotSize), "streaming", instrument.QuoteCurrency));
    }

    private static async Task<Results<Ok<UdfHistory>, JsonHttpResult<UdfError>>> History(
        IMarketDataFeed feed, BarHistory history, CancellationToken cancellationToken,
        [FromQuery] string? symbol = null, [FromQuery] string? resolution = null, [FromQuery] string? from = null, [FromQuery] string? to = null, [FromQuery] string? countback = null)
    {
        if (Find(feed, symbol, out var instrument) is { } unknown)
        {
            return unknown;
        }

        if (!TryPeriod(resolution, out var period))
        {
            return Error(StatusCodes.Status400BadRequest, $"resolution: '{resolution}' is not supported ({string.Join(", ", Resolutions)}).");
        }

        if (!TryUnix(from, out var start) || !TryUnix(to, out var end))
        {
            return Error(StatusCodes.Status400BadRequest, "from, to: Unix times in seconds are required.");
        }

        var count = 0;
        if (countback is not null && (!int.TryParse(countback, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxBars))
        {
            return Error(StatusCodes.Status400BadRequest, $"countback: an integer within 1..{MaxBars} expected (was '{countback}').");
        }

        // UDF: bars from `from` (inclusive) to `to` (exclusive); with countback, the last `countback` bars before `to`, whatever `from`.
        var last = end.AddTicks(-1);
        var bars = count > 0
            ? await history.LastAsync(instrument, period, last, count, cancellationToken)
            : (await history.PageAsync(instrument, period, start, last, MaxBars, descending: false, cancellationToken)).Bars;
        if (bars.Count == 0)
        {
            var older = await history.LastAsync(instrument, period, (count > 0 ? end : start).AddTicks(-1), 1, cancellationToken);
            return TypedResults.Ok(new UdfHistory("no_data", null, null, null, null, null, null, older.Count == 1 ? Stamp(older[0], instrument) : null));
        }

        return TypedResults.Ok(new UdfHistory(
            "ok", [.. bars.Select(b => Stamp(b, instrument))], [.. bars.Select(b => (decimal)b.Open)], [.. bars.Select(b => (decimal)b.High)],
            [.. bars.Select(b => (decimal)b.Low)], [.. bars.Select(b => (decimal)b.Close)], [.. bars.Select(b => (decimal)b.Volume)], null));
    }

    private static async Task<Results<Ok<UdfQuotes>, JsonHttpResult<UdfError>>> Quotes(
        IMarketDataFeed feed, BarHistory history, CancellationToken cancellationToken, [FromQuery] string? symbols = null)
    {
        var names = (symbols ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "symbols: at least one symbol is required.");
        }

        var quotes = new List<UdfQuote>();
        foreach (var name in names)
        {
            var latest = Find(feed, name, out var instrument) is null ? await history.LatestAsync(instrument, cancellationToken) : null;
            if (latest is null)
            {
                quotes.Add(new UdfQuote("error", name, null));
                continue;
            }

            var days = await history.PageAsync(instrument, BarPeriod.OneDay, DateTime.UnixEpoch, latest.OpenTime, 2, descending: true, cancellationToken);
            var (day, previous) = (days.Bars.ElementAtOrDefault(0), days.Bars.ElementAtOrDefault(1));
            decimal last = latest.Close;
            decimal? change = previous is null ? null : last - previous.Close;
            quotes.Add(new UdfQuote("ok", name, new UdfQuoteValues(
                change, change is { } ch && previous!.Close != 0m ? decimal.Round(ch / previous.Close * 100m, 4) : null,
                instrument.Id.Symbol, instrument.Id.Venue, instrument.Id.ToString(), last, last, last, 0m,
                day?.Open, day?.High, day?.Low, previous?.Close, day?.Volume)));
        }

        return TypedResults.Ok(new UdfQuotes("ok", quotes));
    }

    /// <summary>The instrument of a UDF symbol (SPY.NASDAQ, NASDAQ:SPY, SPY), or a UDF error (400 missing, 404 unknown).</summary>
    private static JsonHttpResult<UdfError>? Find(IMarketDataFeed feed, string? symbol, out Instrument instrument)
    {
        instrument = null!;
        if (string.IsNullOrWhiteSpace(symbol))
        {
            return Error(StatusCodes.Status400BadRequest, "symbol: required.");
        }

        var text = symbol.Trim();
        var found = feed.Instruments.OrderBy(i => i.Id.ToString(), StringComparer.Ordinal).FirstOrDefault(i =>
            string.Equals(i.Id.ToString(), text, StringComparison.OrdinalIgnoreCase)
            || string.Equals($"{i.Id.Venue}:{i.Id.Symbol}", text, StringComparison.OrdinalIgnoreCase)
            || string.Equals(i.Id.Symbol, text, StringComparison.OrdinalIgnoreCase));
        if (found is null)
        {
            return Error(StatusCodes.Status404NotFound, $"unknown_symbol: {text}");
        }

        instrument = found;
        return null;
    }

    /// <summary>A bar's UDF time: its start in Unix seconds; a day or week bar at 00:00 UTC of its (exchange-local) date, as TradingView expects.</summary>
    private static long Stamp(Bar bar, Instrument instrument)
    {
        var start = bar.OpenTime;
        if (bar.Period.Span >= TimeSpan.FromDays(1) && BarHistory.BucketsFor(instrument).Zone is { } zone)
        {
            start = DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(start, zone).Date, DateTimeKind.Utc);
        }

        return new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)).ToUnixTimeSeconds();
    }

    private static bool TryUnix(string? text, out DateTime utc)
    {
        utc = default;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || seconds > 253_402_300_799)
        {
            return false;
        }

        utc = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
        return true;
    }

    private static string TypeOf(Instrument instrument) => instrument.AssetClass == AssetClass.Equity ? "stock" : "crypto";

    private static int Decimals(decimal value) => value >= 1m ? 0 : (decimal.GetBits(value)[3] >> 16) & 0xFF;

    private static JsonHttpResult<UdfError> Error(int status, string message) => TypedResults.Json(UdfError.Of(message), statusCode: status);
}
