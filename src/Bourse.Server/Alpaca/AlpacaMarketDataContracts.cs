using System.Text.Json.Serialization;
using Bourse.Sdk.MarketData;

namespace Bourse.Server.Alpaca;

/// <summary>
/// A bar in Alpaca's market data form (numbers, not strings): <c>t</c> bucket start (RFC 3339, UTC), <c>o h l c</c>
/// prices in quote currency, <c>v</c> volume in base units. Alpaca's <c>n</c> (trade count) and <c>vw</c> (VWAP) are
/// left out: the stored bars do not hold them.
/// </summary>
public sealed record AlpacaBarDto(
    [property: JsonPropertyName("t")] DateTime T,
    [property: JsonPropertyName("o")] decimal O,
    [property: JsonPropertyName("h")] decimal H,
    [property: JsonPropertyName("l")] decimal L,
    [property: JsonPropertyName("c")] decimal C,
    [property: JsonPropertyName("v")] decimal V)
{
    /// <summary>The DTO of <paramref name="bar"/>.</summary>
    public static AlpacaBarDto Of(Bar bar) => new(DateTime.SpecifyKind(bar.OpenTime, DateTimeKind.Utc), bar.Open, bar.High, bar.Low, bar.Close, bar.Volume);
}

/// <summary>
/// The latest trade, derived from the latest stored bar (the feed publishes bars only): <c>p</c> its close, <c>t</c> its
/// close time (when that price was known), <c>s</c> its volume (the volume of the bar that ended at that price, base
/// units, not one trade's size), <c>x</c> the venue, <c>i</c> 0 (no trade ids).
/// </summary>
public sealed record AlpacaTradeDto(
    [property: JsonPropertyName("t")] DateTime T,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("p")] decimal P,
    [property: JsonPropertyName("s")] decimal S,
    [property: JsonPropertyName("i")] long I)
{
    /// <summary>The trade of <paramref name="bar"/>.</summary>
    public static AlpacaTradeDto Of(Bar bar) => new(DateTime.SpecifyKind(bar.CloseTime, DateTimeKind.Utc), bar.Instrument.Venue, bar.Close, bar.Volume, 0);
}

/// <summary>
/// The latest quote, derived from the latest stored bar (there is no order book): bid = ask = its close (<c>bp</c>,
/// <c>ap</c>; a zero spread), sizes <c>bs</c>, <c>as</c> 0, <c>t</c> its close time, <c>bx</c>/<c>ax</c> the venue.
/// </summary>
public sealed record AlpacaQuoteDto(
    [property: JsonPropertyName("t")] DateTime T,
    [property: JsonPropertyName("bx")] string Bx,
    [property: JsonPropertyName("bp")] decimal Bp,
    [property: JsonPropertyName("bs")] decimal Bs,
    [property: JsonPropertyName("ax")] string Ax,
    [property: JsonPropertyName("ap")] decimal Ap,
    [property: JsonPropertyName("as")] decimal As)
{
    /// <summary>The quote of <paramref name="bar"/>.</summary>
    public static AlpacaQuoteDto Of(Bar bar) =>
        new(DateTime.SpecifyKind(bar.CloseTime, DateTimeKind.Utc), bar.Instrument.Venue, bar.Close, 0m, bar.Instrument.Venue, bar.Close, 0m);
}

/// <summary>
/// A snapshot (Alpaca's camelCase names): latest trade and quote, the latest stored bar as the minute bar, the day bar
/// holding it and the day bar before; <c>symbol</c> only in the single-symbol answer.
/// </summary>
public sealed record AlpacaSnapshotDto(
    [property: JsonPropertyName("symbol"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Symbol,
    [property: JsonPropertyName("latestTrade")] AlpacaTradeDto? LatestTrade,
    [property: JsonPropertyName("latestQuote")] AlpacaQuoteDto? LatestQuote,
    [property: JsonPropertyName("minuteBar")] AlpacaBarDto? MinuteBar,
    [property: JsonPropertyName("dailyBar")] AlpacaBarDto? DailyBar,
    [property: JsonPropertyName("prevDailyBar")] AlpacaBarDto? PrevDailyBar);

/// <summary><c>GET /v2/stocks/{symbol}/bars</c>.</summary>
public sealed record AlpacaSymbolBarsDto(IReadOnlyList<AlpacaBarDto> Bars, string Symbol, string? NextPageToken);

/// <summary><c>GET /v2/stocks/bars</c>, <c>GET /v1beta3/crypto/{loc}/bars</c>: bars by symbol.</summary>
public sealed record AlpacaBarsDto(IReadOnlyDictionary<string, IReadOnlyList<AlpacaBarDto>> Bars, string? NextPageToken);

/// <summary><c>GET /v2/stocks/{symbol}/bars/latest</c>.</summary>
public sealed record AlpacaLatestBarDto(string Symbol, AlpacaBarDto Bar);

/// <summary><c>GET /v2/stocks/{symbol}/trades/latest</c>.</summary>
public sealed record AlpacaLatestTradeDto(string Symbol, AlpacaTradeDto Trade);

/// <summary><c>GET /v2/stocks/{symbol}/quotes/latest</c>.</summary>
public sealed record AlpacaLatestQuoteDto(string Symbol, AlpacaQuoteDto Quote);

/// <summary><c>GET /v2/stocks/bars/latest</c>, <c>/v1beta3/crypto/{loc}/latest/bars</c>.</summary>
public sealed record AlpacaLatestBarsDto(IReadOnlyDictionary<string, AlpacaBarDto> Bars);

/// <summary><c>GET /v2/stocks/trades/latest</c>, <c>/v1beta3/crypto/{loc}/latest/trades</c>.</summary>
public sealed record AlpacaLatestTradesDto(IReadOnlyDictionary<string, AlpacaTradeDto> Trades);

/// <summary><c>GET /v2/stocks/quotes/latest</c>, <c>/v1beta3/crypto/{loc}/latest/quotes</c>.</summary>
public sealed record AlpacaLatestQuotesDto(IReadOnlyDictionary<string, AlpacaQuoteDto> Quotes);

/// <summary><c>GET /v1beta3/crypto/{loc}/snapshots</c>.</summary>
public sealed record AlpacaCryptoSnapshotsDto(IReadOnlyDictionary<string, AlpacaSnapshotDto> Snapshots);
