namespace Bourse.Sdk.Identifiers;

/// <summary>The asset class of an instrument.</summary>
public enum AssetClass
{
    /// <summary>Shares and ETFs; quantities are whole shares.</summary>
    Equity,

    /// <summary>Crypto spot pairs; quantities are fractional coins.</summary>
    Crypto,

    /// <summary>
    /// Crypto perpetual futures (linear, quoted and settled in the quote currency): trading exchanges no notional,
    /// only margin; the position's unrealized P&amp;L counts towards equity and realized P&amp;L settles in cash.
    /// </summary>
    CryptoPerpetual,
}

/// <summary>
/// What the engine needs to know to trade an instrument.
/// </summary>
/// <param name="Id">The instrument id, e.g. <c>SPY.NASDAQ</c>.</param>
/// <param name="AssetClass">Equity or crypto.</param>
/// <param name="QuoteCurrency">The currency prices are quoted in, e.g. <c>USD</c>.</param>
/// <param name="TickSize">The smallest price increment, in quote currency (e.g. 0.01).</param>
/// <param name="LotSize">The smallest quantity increment, in base units (1 share, 0.00000001 BTC).</param>
public sealed record Instrument(InstrumentId Id, AssetClass AssetClass, string QuoteCurrency, decimal TickSize, decimal LotSize)
{
    /// <summary>
    /// Maintenance margin rate of a margined instrument (a fraction of position notional, e.g. 0.005 = 0.5 %): below
    /// Σ |quantity| × price × rate of equity the account is liquidated. 0 for cash instruments.
    /// </summary>
    public decimal MaintenanceMarginRate { get; init; }

    /// <summary>Largest leverage the venue allows on a margined instrument (1 for cash instruments).</summary>
    public decimal MaxLeverage { get; init; } = 1m;

    /// <summary>True for instruments traded on margin (<see cref="AssetClass.CryptoPerpetual"/>).</summary>
    public bool IsMargined => AssetClass == AssetClass.CryptoPerpetual;

    private static readonly string[] KnownQuotes = ["USDT", "USDC", "BUSD", "TUSD", "USD", "EUR", "GBP", "JPY", "BTC", "ETH"];

    /// <summary>A US equity quoted in USD with a 0.01 tick and whole-share lots.</summary>
    public static Instrument Equity(InstrumentId id) => new(id, AssetClass.Equity, "USD", 0.01m, 1m);

    /// <summary>
    /// A crypto pair with a 0.01 tick and 1e-8 lots. Unless given, the quote currency is
    /// <see cref="KnownQuoteCurrency"/> of the symbol (BTCUSDT → USDT, ETHBTC → BTC), else its last three letters.
    /// </summary>
    public static Instrument Crypto(InstrumentId id, string? quoteCurrency = null) =>
        new(id, AssetClass.Crypto, quoteCurrency ?? KnownQuoteCurrency(id.Symbol) ?? LastThreeLetters(id.Symbol), 0.01m, 0.00000001m);

    /// <summary>
    /// A linear crypto perpetual (e.g. <c>BTC-PERP.FTX</c>) with a 0.5 tick, 0.0001 lots, a maintenance margin rate of
    /// 0.5 % and leverage up to 20 unless given. The quote currency is read from the symbol as for <see cref="Crypto"/>
    /// (the "-PERP" or "PERP" suffix removed), USD when none is known.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The maintenance rate is outside [0, 1) or the max leverage is below 1.</exception>
    public static Instrument Perpetual(InstrumentId id, string? quoteCurrency = null, decimal maintenanceMarginRate = 0.005m, decimal maxLeverage = 20m)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maintenanceMarginRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(maintenanceMarginRate, 1m);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLeverage, 1m);
        var pair = id.Symbol.Replace("-PERP", "", StringComparison.OrdinalIgnoreCase).Replace("PERP", "", StringComparison.OrdinalIgnoreCase);
        return new(id, AssetClass.CryptoPerpetual, quoteCurrency ?? KnownQuoteCurrency(pair) ?? "USD", 0.5m, 0.0001m)
        {
            MaintenanceMarginRate = maintenanceMarginRate,
            MaxLeverage = maxLeverage,
        };
    }

    /// <summary>
    /// The quote currency a crypto pair ends with, among USDT, USDC, BUSD, TUSD, USD, EUR, GBP, JPY, BTC and ETH
    /// (longest first, so BTCUSDT → USDT), leaving a base of at least two letters; null when none is known.
    /// </summary>
    public static string? KnownQuoteCurrency(string pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        foreach (var quote in KnownQuotes)
        {
            if (pair.Length > quote.Length + 1 && pair.EndsWith(quote, StringComparison.OrdinalIgnoreCase))
            {
                return quote;
            }
        }

        return null;
    }

    private static string LastThreeLetters(string pair) => pair.Length > 3 ? pair[^3..] : "USD";

    /// <summary>
    /// Rounds a quantity down to a whole number of lots: floor(quantity / LotSize) × LotSize, in base units. A lot of
    /// exactly 1 (scale 0, shares) takes the floor alone, which gives the same decimal, scale included, without a division.
    /// </summary>
    public decimal RoundDownToLot(decimal quantity) =>
        LotSize <= 0m ? quantity
        : LotSize == 1m && LotSize.Scale == 0 ? Math.Floor(quantity)
        : Math.Floor(quantity / LotSize) * LotSize;
}
