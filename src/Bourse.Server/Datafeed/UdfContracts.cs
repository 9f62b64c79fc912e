using System.Text.Json.Serialization;

namespace Bourse.Server.Datafeed;

/// <summary>UDF's error answer: <c>{"s": "error", "errmsg": "..."}</c>.</summary>
public sealed record UdfError(string S, string Errmsg)
{
    /// <summary>An error with <paramref name="message"/>.</summary>
    public static UdfError Of(string message) => new("error", message);
}

/// <summary>An exchange of the <c>config</c> answer.</summary>
public sealed record UdfExchange(string Value, string Name, string Desc);

/// <summary>A symbol type of the <c>config</c> answer.</summary>
public sealed record UdfSymbolType(string Name, string Value);

/// <summary><c>GET /api/v1/datafeed/config</c>: what the datafeed supports.</summary>
public sealed record UdfConfig(
    IReadOnlyList<string> SupportedResolutions, bool SupportsGroupRequest, bool SupportsMarks, bool SupportsSearch, bool SupportsTimescaleMarks,
    bool SupportsTime, IReadOnlyList<UdfExchange> Exchanges, IReadOnlyList<UdfSymbolType> SymbolsTypes);

/// <summary>A <c>search</c> result.</summary>
/// <param name="Symbol">Ticker (SPY).</param>
/// <param name="FullName">EXCHANGE:SYMBOL (NASDAQ:SPY).</param>
/// <param name="Description">The instrument id.</param>
/// <param name="Exchange">Venue.</param>
/// <param name="Ticker">The instrument id (SPY.NASDAQ): what <c>resolve</c> and <c>history</c> take.</param>
/// <param name="Type">stock or crypto.</param>
public sealed record UdfSearchResult(string Symbol, string FullName, string Description, string Exchange, string Ticker, string Type);

/// <summary>
/// <c>GET /api/v1/datafeed/resolve/{symbol}</c>: TradingView's symbol info. <c>session</c> is 24x7 for every instrument:
/// stored bars carry the feed's clock, which a replay shifts away from the exchange's hours, so no bar is outside a session.
/// Prices: <c>pricescale</c> = 1 / tick size, <c>minmov</c> 1; <c>volume_precision</c> = decimals of the lot size.
/// </summary>
public sealed record UdfSymbolInfo(
    string Name, string Ticker, string Description, string Type, string Session, string Timezone, string Exchange,
    [property: JsonPropertyName("listed_exchange")] string ListedExchange, string Format, int Minmov, long Pricescale,
    bool HasIntraday, bool HasDaily, bool HasWeeklyAndMonthly, IReadOnlyList<string> SupportedResolutions, int VolumePrecision, string DataStatus, string CurrencyCode);

/// <summary>
/// <c>history</c>/<c>bars</c>: UDF's column form. <c>s</c> ok with columns <c>t</c> (bar start, Unix seconds; day and week
/// bars at 00:00 UTC of their date), <c>o h l c</c> (quote currency), <c>v</c> (base units); or <c>no_data</c> with
/// <c>nextTime</c> (Unix seconds of the newest bar before the range) when there is an older bar.
/// </summary>
public sealed record UdfHistory(
    string S,
    [property: JsonPropertyName("t"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<long>? T,
    [property: JsonPropertyName("o"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<decimal>? O,
    [property: JsonPropertyName("h"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<decimal>? H,
    [property: JsonPropertyName("l"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<decimal>? L,
    [property: JsonPropertyName("c"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<decimal>? C,
    [property: JsonPropertyName("v"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<decimal>? V,
    [property: JsonPropertyName("nextTime"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? NextTime);

/// <summary>A quote's values (UDF <c>quotes</c>), from the latest stored bar: <c>lp</c> its close, bid = ask = lp, the day bar's OHLCV, <c>ch</c>/<c>chp</c> against the previous day's close.</summary>
public sealed record UdfQuoteValues(
    decimal? Ch, decimal? Chp, string ShortName, string Exchange, string Description, decimal Lp, decimal Ask, decimal Bid, decimal Spread,
    decimal? OpenPrice, decimal? HighPrice, decimal? LowPrice, decimal? PrevClosePrice, decimal? Volume);

/// <summary>One symbol of the <c>quotes</c> answer: <c>s</c> ok or error, <c>n</c> the symbol asked for, <c>v</c> its values.</summary>
public sealed record UdfQuote(string S, string N, UdfQuoteValues? V);

/// <summary><c>GET /api/v1/datafeed/quotes</c>.</summary>
public sealed record UdfQuotes(string S, IReadOnlyList<UdfQuote> D);

/// <summary><c>GET /api/v1/datafeed/health</c>: the datafeed answers, the feed's time and instrument count.</summary>
public sealed record UdfHealth(string Status, long Time, int Instruments);
