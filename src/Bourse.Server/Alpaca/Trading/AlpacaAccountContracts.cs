using System.Text.Json.Serialization;

namespace Bourse.Server.Alpaca.Trading;

/// <summary>The account configuration in Alpaca's form (<c>GET/PATCH /v2/account/configurations</c>).</summary>
/// <param name="DtbpCheck">Day trading margin call check: both, entry or exit (stored; the paper account has no margin).</param>
/// <param name="TradeConfirmEmail">all or none (stored; Bourse sends no e-mail).</param>
/// <param name="SuspendTrade">True: new orders are refused with 403.</param>
/// <param name="NoShorting">True: a sell larger than the long position is refused with 403.</param>
/// <param name="FractionalTrading">Stored and echoed (fractional quantities follow the instrument's lot size).</param>
/// <param name="MaxMarginMultiplier">"1", "2" or "4" (stored; buying power is the account's cash).</param>
/// <param name="PdtCheck">Pattern day trader check: both, entry or exit (stored; no PDT rule applies).</param>
/// <param name="PtpNoExceptionEntry">Stored and echoed.</param>
public sealed record AlpacaAccountConfigurationDto(
    string DtbpCheck,
    string TradeConfirmEmail,
    bool SuspendTrade,
    bool NoShorting,
    bool FractionalTrading,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal MaxMarginMultiplier,
    string PdtCheck,
    bool PtpNoExceptionEntry);

/// <summary>The body of <c>PATCH /v2/account/configurations</c>: the settings to change (absent ones are kept).</summary>
/// <param name="DtbpCheck">both, entry or exit.</param>
/// <param name="TradeConfirmEmail">all or none.</param>
/// <param name="SuspendTrade">Refuse new orders.</param>
/// <param name="NoShorting">Long only.</param>
/// <param name="FractionalTrading">Fractional trading.</param>
/// <param name="MaxMarginMultiplier">1, 2 or 4 (a string or a number).</param>
/// <param name="PdtCheck">both, entry or exit.</param>
/// <param name="PtpNoExceptionEntry">PTP orders without the exception.</param>
public sealed record AlpacaAccountConfigurationRequest(
    string? DtbpCheck,
    string? TradeConfirmEmail,
    bool? SuspendTrade,
    bool? NoShorting,
    bool? FractionalTrading,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? MaxMarginMultiplier,
    string? PdtCheck,
    bool? PtpNoExceptionEntry);

/// <summary>
/// One account activity in Alpaca's form (<c>GET /v2/account/activities</c>). Trade activities (FILL, PARTIAL_FILL)
/// carry the trade fields; non-trade activities (FEE: a fill's commission) carry date, net_amount, description and status.
/// Members that do not apply to the activity's kind are left out. Decimals are strings; times RFC 3339 UTC on the feed's clock.
/// </summary>
/// <param name="Id">Alpaca's form: the transaction time (yyyyMMddHHmmssfff) and a UUID joined by "::"; the page_token of the next page.</param>
/// <param name="ActivityType">FILL, PARTIAL_FILL or FEE.</param>
/// <param name="TransactionTime">A trade's time.</param>
/// <param name="Type">A trade's kind: fill or partial_fill.</param>
/// <param name="Price">A trade's price.</param>
/// <param name="Qty">A trade's (or the fee's fill's) quantity.</param>
/// <param name="Side">buy or sell.</param>
/// <param name="Symbol">The asset's symbol (BTC/USD, SPY).</param>
/// <param name="LeavesQty">What the order still had to fill after this trade.</param>
/// <param name="CumQty">What the order had filled up to and including this trade.</param>
/// <param name="OrderId">The order's id.</param>
/// <param name="OrderStatus">The order's status right after this trade: filled or partially_filled.</param>
/// <param name="Date">A non-trade activity's date (New York), yyyy-MM-dd.</param>
/// <param name="NetAmount">A non-trade activity's cash movement, account currency (a fee is negative).</param>
/// <param name="Description">What a non-trade activity is.</param>
/// <param name="Status">A non-trade activity's status: executed.</param>
public sealed record AlpacaActivityDto(
    string Id,
    string ActivityType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? TransactionTime,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? Price,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? Qty,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Side,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Symbol,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? LeavesQty,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? CumQty,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OrderId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OrderStatus,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Date,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(AlpacaDecimalConverter))] decimal? NetAmount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Status);

/// <summary>
/// The account's equity over time in Alpaca's form (<c>GET /v2/account/portfolio/history</c>): parallel arrays, one entry
/// per point. As Alpaca's, the values are JSON numbers (not strings), times Unix seconds.
/// </summary>
/// <param name="Timestamp">Each point's time: the start of its timeframe bucket (a day: New York midnight), Unix seconds.</param>
/// <param name="Equity">Equity at the end of the bucket (or now, for the current one): cash plus the positions marked to the last bar close, account currency.</param>
/// <param name="ProfitLoss">Equity minus the point's base (base_value, or the day's opening equity with pnl_reset=per_day).</param>
/// <param name="ProfitLossPct">Equity / base − 1.</param>
/// <param name="BaseValue">Equity at the start of the window.</param>
/// <param name="BaseValueAsof">The New York date the base value is from, yyyy-MM-dd.</param>
/// <param name="Timeframe">1Min, 5Min, 15Min, 1H or 1D.</param>
public sealed record AlpacaPortfolioHistoryDto(
    IReadOnlyList<long> Timestamp,
    IReadOnlyList<decimal> Equity,
    IReadOnlyList<decimal> ProfitLoss,
    IReadOnlyList<decimal> ProfitLossPct,
    decimal BaseValue,
    string BaseValueAsof,
    string Timeframe);
