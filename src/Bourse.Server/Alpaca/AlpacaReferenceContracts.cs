using System.Text.Json.Serialization;

namespace Bourse.Server.Alpaca;

/// <summary>An asset in Alpaca's form (<c>GET /v2/assets</c>); decimals as strings.</summary>
/// <param name="Id">Stable asset id (<see cref="AlpacaSymbols.AssetId"/>).</param>
/// <param name="Class"><c>us_equity</c> or <c>crypto</c>.</param>
/// <param name="Exchange">The instrument's venue for an equity (e.g. NASDAQ); <c>CRYPTO</c> for crypto, as Alpaca.</param>
/// <param name="Symbol">Alpaca symbol (<c>SPY</c>, <c>BTC/USD</c>).</param>
/// <param name="Name">The Bourse instrument id (e.g. SPY.NASDAQ): Bourse knows no company names.</param>
/// <param name="Status">Always <c>active</c>: the feed publishes it.</param>
/// <param name="Tradable">True: the paper exchange trades every feed instrument.</param>
/// <param name="Marginable">False: the paper account is a cash account.</param>
/// <param name="Shortable">True for equities, false for crypto (as Alpaca).</param>
/// <param name="EasyToBorrow">Same as <paramref name="Shortable"/>.</param>
/// <param name="Fractionable">True when the lot size is below one unit (crypto).</param>
/// <param name="MinOrderSize">Smallest quantity, base units (the lot size).</param>
/// <param name="MinTradeIncrement">Quantity increment, base units (the lot size).</param>
/// <param name="PriceIncrement">Price increment, quote currency (the tick size).</param>
/// <param name="Attributes">Alpaca's attribute list; empty.</param>
public sealed record AlpacaAssetDto(
    Guid Id,
    [property: JsonPropertyName("class")] string Class,
    string Exchange,
    string Symbol,
    string Name,
    string Status,
    bool Tradable,
    bool Marginable,
    bool Shortable,
    bool EasyToBorrow,
    bool Fractionable,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal MinOrderSize,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal MinTradeIncrement,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal PriceIncrement,
    IReadOnlyList<string> Attributes)
{
    /// <summary>The DTO of <paramref name="asset"/>.</summary>
    public static AlpacaAssetDto Of(AlpacaAsset asset)
    {
        var i = asset.Instrument;
        return new AlpacaAssetDto(
            asset.Id, asset.AssetClass, asset.IsCrypto ? "CRYPTO" : i.Id.Venue, asset.Symbol, i.Id.ToString(), "active",
            Tradable: true, Marginable: false, Shortable: !asset.IsCrypto, EasyToBorrow: !asset.IsCrypto, Fractionable: i.LotSize < 1m,
            i.LotSize, i.LotSize, i.TickSize, []);
    }
}

/// <summary>The market clock (<c>GET /v2/clock</c>); times in New York's offset, as Alpaca writes them.</summary>
/// <param name="Timestamp">Now on the feed's clock.</param>
/// <param name="IsOpen">True inside a regular session (09:30-16:00 New York on an NYSE trading day).</param>
/// <param name="NextOpen">The next session open (after <paramref name="Timestamp"/>).</param>
/// <param name="NextClose">The close of the current session, or of the next one when closed.</param>
public sealed record AlpacaClockDto(DateTimeOffset Timestamp, bool IsOpen, DateTimeOffset NextOpen, DateTimeOffset NextClose);

/// <summary>A trading day (<c>GET /v2/calendar</c>), local New York times as Alpaca writes them.</summary>
/// <param name="Date">The day, <c>yyyy-MM-dd</c>.</param>
/// <param name="Open">Regular open, <c>HH:mm</c> (09:30).</param>
/// <param name="Close">Regular close, <c>HH:mm</c> (16:00; early closes are not modelled).</param>
/// <param name="SessionOpen">Extended session open, <c>HHmm</c> (0400).</param>
/// <param name="SessionClose">Extended session close, <c>HHmm</c> (2000).</param>
/// <param name="SettlementDate">Settlement day of a trade on <paramref name="Date"/>: T+1 trading days from 2024-05-28, T+2 before.</param>
public sealed record AlpacaCalendarDayDto(string Date, string Open, string Close, string SessionOpen, string SessionClose, string SettlementDate);
