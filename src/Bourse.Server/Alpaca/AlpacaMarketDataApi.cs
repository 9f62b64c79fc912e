using System.Globalization;
using System.Text;
using Bourse.Data.Feeds;
using Bourse.Sdk.MarketData;
using Bourse.Server.Market;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Bourse.Server.Alpaca;

/// <summary>
/// Alpaca's market data built from the stored feed bars (<see cref="BarHistory"/>), at the paths of Alpaca's data API
/// and its SDK: stocks under <c>/v2/stocks</c> (bars, latest bar/trade/quote, snapshots; one symbol or <c>symbols=</c>),
/// crypto under <c>/v1beta3/crypto/{loc}</c> (<c>loc</c>: us, us-1 or eu-1; the same data). Latest trades and quotes are
/// derived from the latest stored bar (<see cref="AlpacaTradeDto"/>, <see cref="AlpacaQuoteDto"/>). Bars: <c>timeframe</c>
/// (<see cref="AlpacaTimeframe"/>, default 1Min), <c>start</c>/<c>end</c> (RFC 3339 or a date; inclusive on the bar's
/// bucket start; default from 00:00 UTC of the feed's today to the feed's now), <c>limit</c> 1..10000 (default 1000,
/// over all symbols), <c>sort</c> asc/desc, <c>page_token</c> from the previous answer's <c>next_page_token</c>.
/// Errors (400): an unknown symbol or one of the other asset class, a bad timeframe, time, limit, sort or token.
/// </summary>
public static class AlpacaMarketDataApi
{
    private const int MaxLimit = 10_000;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAlpacaMarketDataApi(this IEndpointRouteBuilder endpoints)
    {
        var stocks = endpoints.MapAlpacaGroup("Alpaca: market data").MapGroup("/stocks");
        stocks.MapGet("/{symbol}/bars", StockBars).WithName("AlpacaStockBars").WithSummary("Bars of a stock");
        stocks.MapGet("/bars", (BarsArgs args, Args a) => Bars(a with { Crypto = false }, args)).WithName("AlpacaStocksBars").WithSummary("Bars of several stocks");
        stocks.MapGet("/{symbol}/bars/latest", (string symbol, Args a) => Latest(a with { Symbols = symbol, Crypto = false }, Single.Bar)).WithName("AlpacaStockLatestBar").Produces<AlpacaLatestBarDto>().WithSummary("Latest bar of a stock");
        stocks.MapGet("/bars/latest", (Args a) => Latest(a with { Crypto = false }, Many.Bars)).WithName("AlpacaStocksLatestBars").Produces<AlpacaLatestBarsDto>().WithSummary("Latest bars of several stocks");
        stocks.MapGet("/{symbol}/trades/latest", (string symbol, Args a) => Latest(a with { Symbols = symbol, Crypto = false }, Single.Trade)).WithName("AlpacaStockLatestTrade").Produces<AlpacaLatestTradeDto>().WithSummary("Latest trade of a stock (the last bar's close)");
        stocks.MapGet("/trades/latest", (Args a) => Latest(a with { Crypto = false }, Many.Trades)).WithName("AlpacaStocksLatestTrades").Produces<AlpacaLatestTradesDto>().WithSummary("Latest trades of several stocks (the last bars' closes)");
        stocks.MapGet("/{symbol}/quotes/latest", (string symbol, Args a) => Latest(a with { Symbols = symbol, Crypto = false }, Single.Quote)).WithName("AlpacaStockLatestQuote").Produces<AlpacaLatestQuoteDto>().WithSummary("Latest quote of a stock (bid = ask = the last bar's close)");
        stocks.MapGet("/quotes/latest", (Args a) => Latest(a with { Crypto = false }, Many.Quotes)).WithName("AlpacaStocksLatestQuotes").Produces<AlpacaLatestQuotesDto>().WithSummary("Latest quotes of several stocks (bid = ask = the last bars' closes)");
        stocks.MapGet("/{symbol}/snapshot", (string symbol, Args a) => Latest(a with { Symbols = symbol, Crypto = false }, Single.Snapshot)).WithName("AlpacaStockSnapshot").Produces<AlpacaSnapshotDto>().WithSummary("Snapshot of a stock");
        stocks.MapGet("/snapshots", (Args a) => Latest(a with { Crypto = false }, Many.StockSnapshots)).WithName("AlpacaStocksSnapshots").Produces<IReadOnlyDictionary<string, AlpacaSnapshotDto>>().WithSummary("Snapshots of several stocks");

        var crypto = endpoints.MapAlpacaGroup("Alpaca: market data", AlpacaProblemWriter.CryptoPrefix).MapGroup("/crypto/{loc}");
        crypto.MapGet("/bars", (string loc, BarsArgs args, Args a) => Bars(a with { Loc = loc }, args)).WithName("AlpacaCryptoBars").WithSummary("Bars of crypto pairs");
        crypto.MapGet("/latest/bars", (string loc, Args a) => Latest(a with { Loc = loc }, Many.Bars)).WithName("AlpacaCryptoLatestBars").Produces<AlpacaLatestBarsDto>().WithSummary("Latest bars of crypto pairs");
        crypto.MapGet("/latest/trades", (string loc, Args a) => Latest(a with { Loc = loc }, Many.Trades)).WithName("AlpacaCryptoLatestTrades").Produces<AlpacaLatestTradesDto>().WithSummary("Latest trades of crypto pairs (the last bars' closes)");
        crypto.MapGet("/latest/quotes", (string loc, Args a) => Latest(a with { Loc = loc }, Many.Quotes)).WithName("AlpacaCryptoLatestQuotes").Produces<AlpacaLatestQuotesDto>().WithSummary("Latest quotes of crypto pairs (bid = ask = the last bars' closes)");
        crypto.MapGet("/snapshots", (string loc, Args a) => Latest(a with { Loc = loc }, Many.CryptoSnapshots)).WithName("AlpacaCryptoSnapshots").Produces<AlpacaCryptoSnapshotsDto>().WithSummary("Snapshots of crypto pairs");
        return endpoints;
    }

    /// <summary>Services and the <c>symbols</c> query, bound per request.</summary>
    internal sealed record Args(AlpacaSymbols Map, BarHistory History, IMarketDataFeed Feed, string? Symbols, CancellationToken Aborted)
    {
        /// <summary>True on the crypto paths.</summary>
        public bool Crypto { get; init; } = true;

        /// <summary>The crypto location (route), null on the stock paths.</summary>
        public string? Loc { get; init; }

        /// <summary>Binds from the request (minimal APIs' BindAsync convention).</summary>
        public static ValueTask<Args?> BindAsync(HttpContext http) => ValueTask.FromResult<Args?>(new Args(
            http.RequestServices.GetRequiredService<AlpacaSymbols>(), http.RequestServices.GetRequiredService<BarHistory>(),
            http.RequestServices.GetRequiredService<IMarketDataFeed>(), http.Request.Query["symbols"].ToString(), http.RequestAborted));

        /// <summary>The assets of <see cref="Symbols"/> (comma-separated), sorted by symbol, or an error naming the bad one.</summary>
        public JsonHttpResult<AlpacaError>? Resolve(out List<AlpacaAsset> assets)
        {
            assets = [];
            if (Loc is not (null or "us" or "us-1" or "eu-1"))
            {
                return AlpacaErrors.Invalid("loc", $"unknown location '{Loc}' (us, us-1 or eu-1).");
            }

            var names = (Symbols ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (names.Length == 0)
            {
                return AlpacaErrors.Invalid("symbols", "at least one symbol is required.");
            }

            foreach (var name in names)
            {
                if (!Map.TryResolve(name, out var asset) || asset.IsCrypto != Crypto)
                {
                    return AlpacaErrors.Invalid("symbols", $"invalid symbol '{name}': the feed has no {(Crypto ? "crypto pair" : "stock")} of that name.");
                }

                if (!assets.Contains(asset))
                {
                    assets.Add(asset);
                }
            }

            assets.Sort((a, b) => string.CompareOrdinal(a.Symbol, b.Symbol));
            return null;
        }
    }

    /// <summary>The bar query of Alpaca's bars endpoints.</summary>
    internal sealed record BarsArgs(string? Timeframe, string? Start, string? End, int? Limit, string? Sort, string? PageToken)
    {
        /// <summary>Binds from the query string (a non-integer limit is reported by <see cref="Parse"/>).</summary>
        public static ValueTask<BarsArgs?> BindAsync(HttpContext http)
        {
            var q = http.Request.Query;
            string? Get(string name) => q.TryGetValue(name, out var v) ? v.ToString() : null;
            var limit = Get("limit");
            return ValueTask.FromResult<BarsArgs?>(new BarsArgs(
                Get("timeframe"), Get("start"), Get("end"),
                limit is null ? null : int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1,
                Get("sort"), Get("page_token")));
        }

        /// <summary>The parsed query, or an error naming the field.</summary>
        public JsonHttpResult<AlpacaError>? Parse(DateTime now, int symbols, out BarsQuery query)
        {
            query = null!;
            var period = BarPeriod.OneMinute;
            if (Timeframe is not null && !AlpacaTimeframe.TryParse(Timeframe, out period))
            {
                return AlpacaErrors.Invalid("timeframe", $"invalid timeframe '{Timeframe}' ([1-59]Min, [1-23]Hour, 1Day or 1Week; months are not supported).");
            }

            if (!TryTime(Start, DateTime.SpecifyKind(now.Date, DateTimeKind.Utc), out var start))
            {
                return AlpacaErrors.Invalid("start", $"invalid start '{Start}' (RFC 3339 or yyyy-MM-dd).");
            }

            if (!TryTime(End, now, out var end))
            {
                return AlpacaErrors.Invalid("end", $"invalid end '{End}' (RFC 3339 or yyyy-MM-dd).");
            }

            if (Limit is { } l && l is < 1 or > MaxLimit)
            {
                return AlpacaErrors.Invalid("limit", $"limit must be an integer within 1..{MaxLimit}.");
            }

            if (Sort is not (null or "asc" or "desc"))
            {
                return AlpacaErrors.Invalid("sort", $"sort must be asc or desc (was '{Sort}').");
            }

            var token = PageToken is null ? null : BarsPageToken.Decode(PageToken);
            if (PageToken is not null && (token is null || token.Index >= symbols))
            {
                return AlpacaErrors.Invalid("page_token", "invalid page_token: pass next_page_token of the previous answer with the same query.");
            }

            query = new BarsQuery(period, start, end, Limit ?? 1000, Sort == "desc", token);
            return null;
        }

        private static bool TryTime(string? text, DateTime fallback, out DateTime utc)
        {
            utc = fallback;
            if (string.IsNullOrEmpty(text))
            {
                return true;
            }

            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                return false;
            }

            utc = time.UtcDateTime;
            return true;
        }
    }

    /// <summary>A parsed bars query.</summary>
    internal sealed record BarsQuery(BarPeriod Period, DateTime Start, DateTime End, int Limit, bool Descending, BarsPageToken? Token);

    private static async Task<Results<Ok<AlpacaSymbolBarsDto>, JsonHttpResult<AlpacaError>>> StockBars(string symbol, BarsArgs args, Args a)
    {
        var answer = await Bars(a with { Symbols = symbol, Crypto = false }, args);
        if (answer.Result is not Ok<AlpacaBarsDto> { Value: { } bars })
        {
            return (JsonHttpResult<AlpacaError>)answer.Result;
        }

        var name = bars.Bars.Keys.FirstOrDefault() ?? (a.Map.TryResolve(symbol, out var asset) ? asset.Symbol : symbol);
        return TypedResults.Ok(new AlpacaSymbolBarsDto(bars.Bars.Values.FirstOrDefault() ?? [], name, bars.NextPageToken));
    }

    private static async Task<Results<Ok<AlpacaBarsDto>, JsonHttpResult<AlpacaError>>> Bars(Args a, BarsArgs args)
    {
        if (a.Resolve(out var assets) is { } unknown)
        {
            return unknown;
        }

        if (args.Parse(a.Feed.Clock.GetUtcNow().UtcDateTime, assets.Count, out var q) is { } invalid)
        {
            return invalid;
        }

        var result = new Dictionary<string, IReadOnlyList<AlpacaBarDto>>();
        var remaining = q.Limit;
        var first = q.Token?.Index ?? 0;
        for (var i = first; i < assets.Count; i++)
        {
            var resume = i == first ? q.Token?.Resume : null;
            var (from, to) = q.Descending ? (q.Start, resume ?? q.End) : (resume ?? q.Start, q.End);
            var page = await a.History.PageAsync(assets[i].Instrument, q.Period, from, to, remaining, q.Descending, a.Aborted);
            if (page.Bars.Count > 0)
            {
                result[assets[i].Symbol] = [.. page.Bars.Select(AlpacaBarDto.Of)];
            }

            remaining -= page.Bars.Count;
            if (page.Next is { } next)
            {
                return TypedResults.Ok(new AlpacaBarsDto(result, new BarsPageToken(i, next).Encode()));
            }

            if (remaining == 0)
            {
                return TypedResults.Ok(new AlpacaBarsDto(result, i + 1 < assets.Count ? new BarsPageToken(i + 1, null).Encode() : null));
            }
        }

        return TypedResults.Ok(new AlpacaBarsDto(result, null));
    }

    private static async Task<IResult> Latest(Args a, Func<Dictionary<AlpacaAsset, LatestData>, IResult> answer)
    {
        if (a.Resolve(out var assets) is { } error)
        {
            return error;
        }

        var found = new Dictionary<AlpacaAsset, LatestData>();
        foreach (var asset in assets)
        {
            if (await a.History.LatestAsync(asset.Instrument, a.Aborted) is { } bar)
            {
                var days = await a.History.PageAsync(asset.Instrument, BarPeriod.OneDay, DateTime.UnixEpoch, bar.OpenTime, 2, descending: true, a.Aborted);
                found[asset] = new LatestData(bar, days.Bars.ElementAtOrDefault(0), days.Bars.ElementAtOrDefault(1));
            }
        }

        return answer(found);
    }

    /// <summary>What the latest endpoints answer from: the newest stored bar, the day bar holding it and the one before.</summary>
    private sealed record LatestData(Bar Bar, Bar? Day, Bar? PreviousDay)
    {
        public AlpacaSnapshotDto Snapshot(string? symbol) => new(
            symbol, AlpacaTradeDto.Of(Bar), AlpacaQuoteDto.Of(Bar), AlpacaBarDto.Of(Bar),
            Day is null ? null : AlpacaBarDto.Of(Day), PreviousDay is null ? null : AlpacaBarDto.Of(PreviousDay));
    }

    /// <summary>Single-symbol answers: the symbol's value, or 404 when nothing is stored for it.</summary>
    private static class Single
    {
        public static IResult Bar(Dictionary<AlpacaAsset, LatestData> found) => One(found, (s, l) => new AlpacaLatestBarDto(s, AlpacaBarDto.Of(l.Bar)));

        public static IResult Trade(Dictionary<AlpacaAsset, LatestData> found) => One(found, (s, l) => new AlpacaLatestTradeDto(s, AlpacaTradeDto.Of(l.Bar)));

        public static IResult Quote(Dictionary<AlpacaAsset, LatestData> found) => One(found, (s, l) => new AlpacaLatestQuoteDto(s, AlpacaQuoteDto.Of(l.Bar)));

        public static IResult Snapshot(Dictionary<AlpacaAsset, LatestData> found) => One(found, (s, l) => l.Snapshot(s));

        private static IResult One<T>(Dictionary<AlpacaAsset, LatestData> found, Func<string, LatestData, T> map) =>
            found.Count == 1 && found.First() is var (asset, latest)
                ? TypedResults.Ok(map(asset.Symbol, latest))
                : AlpacaErrors.NotFound("no market data stored for this symbol yet.");
    }

    /// <summary>Multi-symbol answers: symbols without stored data are left out, as Alpaca does.</summary>
    private static class Many
    {
        public static IResult Bars(Dictionary<AlpacaAsset, LatestData> found) => TypedResults.Ok(new AlpacaLatestBarsDto(Map(found, l => AlpacaBarDto.Of(l.Bar))));

        public static IResult Trades(Dictionary<AlpacaAsset, LatestData> found) => TypedResults.Ok(new AlpacaLatestTradesDto(Map(found, l => AlpacaTradeDto.Of(l.Bar))));

        public static IResult Quotes(Dictionary<AlpacaAsset, LatestData> found) => TypedResults.Ok(new AlpacaLatestQuotesDto(Map(found, l => AlpacaQuoteDto.Of(l.Bar))));

        public static IResult StockSnapshots(Dictionary<AlpacaAsset, LatestData> found) => TypedResults.Ok(Map(found, l => l.Snapshot(null)));

        public static IResult CryptoSnapshots(Dictionary<AlpacaAsset, LatestData> found) => TypedResults.Ok(new AlpacaCryptoSnapshotsDto(Map(found, l => l.Snapshot(null))));

        private static IReadOnlyDictionary<string, T> Map<T>(Dictionary<AlpacaAsset, LatestData> found, Func<LatestData, T> map) =>
            found.ToDictionary(f => f.Key.Symbol, f => map(f.Value));
    }
}

/// <summary>
/// A position in a multi-symbol bars answer: the index of the symbol (in the sorted symbol list) and the bucket start to
/// resume it from (null: from the query's start). Encoded as base64url of <c>index:ticks</c>; opaque to clients.
/// </summary>
internal sealed record BarsPageToken(int Index, DateTime? Resume)
{
    /// <summary>The token text.</summary>
    public string Encode() => WebEncoders.Base64UrlEncode(Encoding.ASCII.GetBytes(
        $"{Index.ToString(CultureInfo.InvariantCulture)}:{Resume?.Ticks.ToString(CultureInfo.InvariantCulture) ?? ""}"));

    /// <summary>The token of <paramref name="text"/>, or null when it is not one.</summary>
    public static BarsPageToken? Decode(string text)
    {
        try
        {
            var parts = Encoding.ASCII.GetString(WebEncoders.Base64UrlDecode(text)).Split(':');
            return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? parts[1].Length == 0 ? new BarsPageToken(index, null)
                : long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks ? new BarsPageToken(index, new DateTime(ticks, DateTimeKind.Utc))
                : null
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
