namespace Bourse.Sdk.Identifiers;

/// <summary>The asset class of an instrument.</summary>
public enum AssetClass
{
    /// <summary>Shares and ETFs; quantities are whole shares.</summary>
    Equity,

    /// <summary>Crypto spot pairs; quantities are fractional coins.</summary>
    Crypto,
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

    /// <summary>Rounds a quantity down to a whole number of lots.</summary>
    public decimal RoundDownToLot(decimal quantity) => LotSize <= 0m ? quantity : Math.Floor(quantity / LotSize) * LotSize;
}
