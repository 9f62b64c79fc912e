using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Accounting;

/// <summary>
/// Converts amounts of the run's currencies (the account currency and every quote currency) into the account
/// currency. The rate of a currency C into the account currency A is, in order of preference:
/// <list type="number">
/// <item>1 when C = A;</item>
/// <item>the last price of a conversion instrument the run trades: a symbol C+A (e.g. <c>EURUSD</c> quoted in A, rate =
/// price) or A+C (e.g. <c>USDJPY</c> quoted in C, rate = 1 / price); '-', '/' and '_' in symbols are ignored;</item>
/// <item>the configured rate table (<c>RunSettings.ConversionRates</c>: units of A per unit of C).</item>
/// </list>
/// Currencies are numbered (0 = the account currency) so the per-bar valuation reads arrays, not dictionaries.
/// </summary>
internal sealed class CurrencyConverter
{
    private readonly List<string> _codes = [];
    private readonly List<Source> _sources = [];

    /// <param name="codes">The run's currencies from <see cref="CurrenciesOf"/> (account currency first).</param>
    /// <param name="instruments">The run's instruments.</param>
    /// <param name="ledgers">The run's positions, by instrument (conversion instruments are read from them).</param>
    /// <param name="rates">Fixed rates by currency, units of the account currency per unit; may be null.</param>
    /// <exception cref="ArgumentException">A quote currency has neither a conversion instrument nor a rate, or a rate is not positive.</exception>
    public CurrencyConverter(IReadOnlyList<string> codes, IReadOnlyList<Instrument> instruments, IReadOnlyDictionary<InstrumentId, PositionLedger> ledgers, IReadOnlyDictionary<string, decimal>? rates)
    {
        AccountCurrency = codes[0];
        var table = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, rate) in rates ?? new Dictionary<string, decimal>())
        {
            if (rate <= 0m)
            {
                throw new ArgumentException($"The conversion rate of {code} into {AccountCurrency} must be positive (got {Invariant.Num(rate)}).", nameof(rates));
            }

            table[code] = rate;
        }

        _codes.AddRange(codes);
        _sources.Add(new Source(null, false, 1m));
        for (var i = 1; i < codes.Count; i++)
        {
            var code = codes[i];
            var ledger = FindConversion(code, instruments, ledgers, out var inverse);
            decimal? fixedRate = table.TryGetValue(code, out var r) ? r : null;
            if (ledger is null && fixedRate is null)
            {
                var quoted = instruments.First(x => string.Equals(x.QuoteCurrency, code, StringComparison.OrdinalIgnoreCase));
                throw new ArgumentException(
                    $"Instrument {quoted.Id} is quoted in {code}, but there is no rate to convert {code} into the account currency {AccountCurrency}: " +
                    $"add a conversion instrument such as {code}{AccountCurrency} or {AccountCurrency}{code} to the run, or a {code} rate to the conversion rates.",
                    nameof(instruments));
            }

            _sources.Add(new Source(ledger, inverse, fixedRate));
        }
    }

    /// <summary>The account currency (upper case) followed by the other quote currencies of the instruments, in order of first use.</summary>
    public static IReadOnlyList<string> CurrenciesOf(string accountCurrency, IEnumerable<Instrument> instruments)
    {
        var codes = new List<string> { accountCurrency.ToUpperInvariant() };
        foreach (var instrument in instruments)
        {
            var code = instrument.QuoteCurrency.ToUpperInvariant();
            if (!codes.Contains(code))
            {
                codes.Add(code);
            }
        }

        return codes;
    }

    public string AccountCurrency { get; }

    /// <summary>The currencies, account currency first.</summary>
    public IReadOnlyList<string> Codes => _codes;

    /// <summary>The rate of currency <paramref name="index"/> into the account currency; false when no rate is known yet.</summary>
    public bool TryRate(int index, out decimal rate)
    {
        var source = _sources[index];
        if (source.Ledger is { HasPrice: true } ledger && ledger.LastPrice > 0m)
        {
            rate = source.Inverse ? 1m / ledger.LastPrice : ledger.LastPrice;
            return true;
        }

        rate = source.Fixed ?? 0m;
        return source.Fixed is not null;
    }

    /// <summary>Why currency <paramref name="index"/> has no rate yet (for a risk denial).</summary>
    public string NoRateReason(int index)
    {
        var source = _sources[index];
        return $"no conversion rate from {_codes[index]} into {AccountCurrency} yet ({source.Ledger?.Instrument.ToString() ?? "no conversion instrument"} has no price and no rate is configured)";
    }

    /// <summary>
    /// <paramref name="amount"/> × <paramref name="rate"/>, skipping the decimal multiplication for the account currency's
    /// own rate (exactly 1 with scale 0), which leaves any decimal as it is, digits and scale.
    /// </summary>
    public static decimal Convert(decimal amount, decimal rate) => rate.Scale == 0 && rate == 1m ? amount : amount * rate;

    /// <summary><paramref name="amount"/> of currency <paramref name="index"/> in the account currency (0 while no rate is known).</summary>
    public decimal ToAccount(decimal amount, int index) =>
        index == 0 || amount == 0m ? amount : TryRate(index, out var rate) ? amount * rate : 0m;

    private static string Plain(string symbol) =>
        symbol.Replace("-", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);

    private PositionLedger? FindConversion(string code, IReadOnlyList<Instrument> instruments, IReadOnlyDictionary<InstrumentId, PositionLedger> ledgers, out bool inverse)
    {
        var direct = code + AccountCurrency;
        var reverse = AccountCurrency + code;
        foreach (var candidate in instruments)
        {
            if (candidate.IsMargined)
            {
                continue;
            }

            var symbol = Plain(candidate.Id.Symbol);
            if (string.Equals(symbol, direct, StringComparison.OrdinalIgnoreCase) && string.Equals(candidate.QuoteCurrency, AccountCurrency, StringComparison.OrdinalIgnoreCase))
            {
                inverse = false;
                return ledgers[candidate.Id];
            }

            if (string.Equals(symbol, reverse, StringComparison.OrdinalIgnoreCase) && string.Equals(candidate.QuoteCurrency, code, StringComparison.OrdinalIgnoreCase))
            {
                inverse = true;
                return ledgers[candidate.Id];
            }
        }

        inverse = false;
        return null;
    }

    private readonly record struct Source(PositionLedger? Ledger, bool Inverse, decimal? Fixed);
}
