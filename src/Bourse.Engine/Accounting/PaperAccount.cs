using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Portfolio;
using Bourse.Sdk.Values;

namespace Bourse.Engine.Accounting;

/// <summary>
/// The run's paper account: cash per currency, net positions, margin. Buying a cash instrument spends
/// price × quantity + commission of its quote currency; selling receives price × quantity − commission; shorts are
/// allowed (cash rises, the position value is negative); a currency's cash may go negative (borrowed). A margined
/// instrument (perpetual) exchanges no notional: its realized P&amp;L minus commission settles in cash and its
/// unrealized P&amp;L counts towards equity.
/// <para>Totals are in the account currency, converted at the current rates of <see cref="CurrencyConverter"/>:
/// cash = Σ balance × rate; equity = cash + Σ (market value, or unrealized P&amp;L when margined) × rate; realized,
/// unrealized P&amp;L and commissions likewise (so with foreign currencies, equity − starting cash also holds the FX
/// P&amp;L of the balances). Margin (cross margin, the whole equity is collateral): initial margin used =
/// Σ |quantity| × price × rate / leverage, maintenance margin = Σ |quantity| × price × rate × maintenance rate over
/// margined positions; margin available = equity − initial margin used.</para>
/// <para>Equity is computed when read and cached until it can change: a fill, or a mark of an open position (of
/// any instrument when the run has several currencies, since conversion instruments move the rates). A bar that marks
/// a flat position costs no valuation. Every method that changes cash or a position must clear the cache and move the
/// equity line's version (<see cref="TryEquityLine"/>).</para>
/// </summary>
internal sealed class PaperAccount : IPortfolioView
{
    private readonly Dictionary<InstrumentId, PositionLedger> _byInstrument = [];
    private readonly List<PositionLedger> _positions = [];
    private readonly CurrencyConverter _fx;
    private readonly decimal[] _cash;
    private int _marginedOpen;
    private decimal _equity;
    private bool _equityKnown;

    /// <summary>The position of the last <see cref="TryEquityLine"/>: its marks keep the line current.</summary>
    private PositionLedger? _lineLedger;

    /// <summary>Changes whenever the equity may change other than through a mark of <see cref="_lineLedger"/>: a fill, a mark of another instrument, a line of another instrument.</summary>
    private long _lineVersion;

    /// <summary>The position found last: a run of bars of one instrument (and the signal, risk check and fill of a trade in it) finds it without a lookup.</summary>
    private PositionLedger? _lastFound;

    /// <param name="currency">The account currency.</param>
    /// <param name="startingCash">Initial cash, account currency.</param>
    /// <param name="instruments">The instruments of the run.</param>
    /// <param name="leverage">Leverage of margined instruments (≥ 1, at most each margined instrument's <see cref="Instrument.MaxLeverage"/>).</param>
    /// <param name="rates">Fixed conversion rates into the account currency by currency, or null.</param>
    /// <exception cref="ArgumentException">The leverage is out of range, or a quote currency cannot be converted (see <see cref="CurrencyConverter"/>).</exception>
    public PaperAccount(string currency, decimal startingCash, IReadOnlyList<Instrument> instruments, decimal leverage = 1m, IReadOnlyDictionary<string, decimal>? rates = null)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        if (leverage < 1m)
        {
            throw new ArgumentException($"The leverage must be at least 1 (got {leverage}).", nameof(leverage));
        }

        var codes = CurrencyConverter.CurrenciesOf(currency, instruments);
        foreach (var instrument in instruments)
        {
            if (instrument.IsMargined && leverage > instrument.MaxLeverage)
            {
                throw new ArgumentException($"The leverage {leverage} exceeds the largest leverage {instrument.MaxLeverage} that {instrument.Id} allows.", nameof(leverage));
            }

            if (!_byInstrument.ContainsKey(instrument.Id))
            {
                var ledger = new PositionLedger(instrument, IndexOf(codes, instrument.QuoteCurrency));
                _byInstrument.Add(instrument.Id, ledger);
                _positions.Add(ledger);
            }
        }

        _fx = new CurrencyConverter(codes, instruments, _byInstrument, rates);
        _cash = new decimal[codes.Count];
        _cash[0] = startingCash;
        Currency = codes[0];
        StartingCash = startingCash;
        Leverage = leverage;
    }

    public string Currency { get; }

    public decimal StartingCash { get; }

    public decimal Leverage { get; }

    public CurrencyConverter Fx => _fx;

    public int OpenPositionCount { get; private set; }

    /// <summary>True when a margined position is open (the per-bar margin check is skipped otherwise).</summary>
    public bool HasMarginedPositions => _marginedOpen > 0;

    /// <summary>Cash of every currency, in the account currency.</summary>
    public decimal CashAmount
    {
        get
        {
            var total = 0m;
            for (var i = 0; i < _cash.Length; i++)
            {
                total += _fx.ToAccount(_cash[i], i);
            }

            return total;
        }
    }

    public Money Cash => new(CashAmount, Currency);

    /// <summary>A number that changes whenever the equity may have changed (a mark of an open position or of a conversion rate, a fill): equal numbers mean an equal <see cref="EquityAmount"/>.</summary>
    public long EquityVersion { get; private set; }

    public Money Equity => new(EquityAmount, Currency);

    public decimal EquityAmount
    {
        get
        {
            if (!_equityKnown)
            {
                Revalue();
            }

            return _equity;
        }
    }

    public decimal RealizedPnl => Sum(static p => p.RealizedPnl);

    public decimal UnrealizedPnl => Sum(static p => p.UnrealizedPnl);

    public decimal Commissions => Sum(static p => p.Commissions);

    /// <summary>Initial margin of the margined positions, account currency.</summary>
    public decimal InitialMarginAmount => Sum(static p => p.IsMargined ? p.Notional : 0m) / Leverage;

    /// <summary>Maintenance margin of the margined positions, account currency.</summary>
    public decimal MaintenanceMarginAmount => Sum(static p => p.IsMargined ? p.Notional * p.Spec.MaintenanceMarginRate : 0m);

    public IReadOnlyList<Money> Balances
    {
        get
        {
            var balances = new Money[_cash.Length];
            for (var i = 0; i < _cash.Length; i++)
            {
                balances[i] = new Money(_cash[i], _fx.Codes[i]);
            }

            return balances;
        }
    }

    public Money InitialMargin => new(InitialMarginAmount, Currency);

    public Money MaintenanceMargin => new(MaintenanceMarginAmount, Currency);

    public Money MarginAvailable => new(EquityAmount - InitialMarginAmount, Currency);

    public IReadOnlyList<PositionSnapshot> OpenPositions
    {
        get
        {
            var open = new List<PositionSnapshot>(OpenPositionCount);
            foreach (var p in _positions)
            {
                if (p.NetQuantity != 0m)
                {
                    open.Add(p.Snapshot());
                }
            }

            return open;
        }
    }

    /// <exception cref="ArgumentException">The currency is not one of the run's.</exception>
    public Money Balance(string currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        var i = IndexOf(_fx.Codes, currency);
        return i >= 0
            ? new Money(_cash[i], _fx.Codes[i])
            : throw new ArgumentException($"{currency} is not a currency of this account ({string.Join(", ", _fx.Codes)}).", nameof(currency));
    }

    public PositionSnapshot Position(InstrumentId instrument) =>
        Ledger(instrument) is { } p ? p.Snapshot() : new PositionSnapshot(instrument, 0m, 0m, 0m, 0m, 0m, 0m);

    /// <summary>The position of an instrument, or null when the account does not hold the instrument.</summary>
    public PositionLedger? Ledger(InstrumentId instrument)
    {
        var p = _lastFound;
        if (p is null || p.Instrument != instrument)
        {
            if (!_byInstrument.TryGetValue(instrument, out p))
            {
                return null;
            }

            _lastFound = p;
        }

        return p;
    }

    public decimal NetQuantity(InstrumentId instrument) => Ledger(instrument) is { } p ? p.NetQuantity : 0m;

    public bool TryGetLastPrice(InstrumentId instrument, out decimal price)
    {
        if (Ledger(instrument) is { HasPrice: true } p)
        {
            price = p.LastPrice;
            return true;
        }

        price = 0m;
        return false;
    }

    /// <summary>The rate of the instrument's quote currency into the account currency; false (with the reason) when none is known yet.</summary>
    public bool TryRate(InstrumentId instrument, out decimal rate, out string? problem)
    {
        var index = LedgerOf(instrument).CurrencyIndex;
        problem = null;
        if (_fx.TryRate(index, out rate))
        {
            return true;
        }

        problem = _fx.NoRateReason(index);
        return false;
    }

    /// <summary>An amount in the instrument's quote currency, converted into the account currency at the current rate (0 while none is known).</summary>
    public decimal ToAccount(InstrumentId instrument, decimal amount) => _fx.ToAccount(amount, LedgerOf(instrument).CurrencyIndex);

    /// <summary>Sets the last price of an instrument (mark to market).</summary>
    public void Mark(InstrumentId instrument, decimal price)
    {
        if (Ledger(instrument) is not { } p)
        {
            return;
        }

        p.Mark(price);
        if (p != _lineLedger)
        {
            _lineVersion++;
        }

        if (!p.IsFlat || _cash.Length > 1)
        {
            InvalidateEquity(); // a position's value moved, or a conversion rate did
        }
    }

    /// <summary>Applies a fill; <paramref name="commission"/> is in the instrument's quote currency.</summary>
    /// <exception cref="InvalidOperationException">The instrument is not in the account.</exception>
    public FillOutcome ApplyFill(InstrumentId instrument, Side side, decimal quantity, decimal price, decimal commission)
    {
        var p = Ledger(instrument) ?? throw new InvalidOperationException($"Fill for {instrument}, which the run does not trade.");

        if (!p.HasPrice)
        {
            p.Mark(price);
        }

        var wasOpen = !p.IsFlat;
        InvalidateEquity();
        _lineVersion++;
        var outcome = p.ApplyFill(side, quantity, price, commission);
        _cash[p.CurrencyIndex] += p.IsMargined
            ? outcome.RealizedPnl - commission
            : -((side.Sign() * quantity * price) + commission);
        var isOpen = !p.IsFlat;
        var change = (isOpen ? 1 : 0) - (wasOpen ? 1 : 0);
        OpenPositionCount += change;
        if (p.IsMargined)
        {
            _marginedOpen += change;
        }

        return outcome;
    }

    /// <summary>
    /// The equity as a function of the instrument's price, valid while <see cref="IsCurrent"/> says so (until a fill or
    /// a mark of another instrument). False (no line) when the account holds several currencies (marks move rates) or
    /// the instrument is margined or not in the account.
    /// </summary>
    public bool TryEquityLine(InstrumentId instrument, out EquityLine line)
    {
        if (_cash.Length > 1 || Ledger(instrument) is not { IsMargined: false } ledger)
        {
            line = default;
            return false;
        }

        if (ledger != _lineLedger)
        {
            _lineLedger = ledger;
            _lineVersion++;
        }

        var constant = _cash[0];
        foreach (var p in _positions)
        {
            if (p != ledger)
            {
                constant += p.EquityValue;
            }
        }

        line = new EquityLine(constant, ledger.NetQuantity, _lineVersion);
        return true;
    }

    /// <summary>
    /// True while <paramref name="line"/> still gives the equity: nothing but marks of its instrument happened since it
    /// was taken (a fill, a mark of another instrument or a line of another instrument moves the version).
    /// </summary>
    public bool IsCurrent(in EquityLine line) => line.Version == _lineVersion;

    private static int IndexOf(IReadOnlyList<string> codes, string code)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            if (string.Equals(codes[i], code, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private PositionLedger LedgerOf(InstrumentId instrument) =>
        Ledger(instrument) ?? throw new KeyNotFoundException($"The account does not hold {instrument}.");

    private void InvalidateEquity()
    {
        _equityKnown = false;
        EquityVersion++;
    }

    /// <summary>
    /// Computes the equity into the cache. The sums store their result in the field themselves: a decimal passed back
    /// in two registers and stored by the caller costs a store-forwarding stall on every bar in a position.
    /// </summary>
    private void Revalue()
    {
        if (_cash.Length == 1)
        {
            SumSingleCurrencyEquity();
        }
        else
        {
            SumConvertedEquity();
        }

        _equityKnown = true;
    }

    private void SumConvertedEquity()
    {
        var equity = CashAmount;
        foreach (var p in _positions)
        {
            equity += _fx.ToAccount(p.EquityValue, p.CurrencyIndex);
        }

        _equity = equity;
    }

    /// <summary>Cash plus every position's value: the same sum as <see cref="SumConvertedEquity"/>, without its conversions (every amount is in the account currency).</summary>
    private void SumSingleCurrencyEquity()
    {
        var equity = _cash[0];
        foreach (var p in _positions)
        {
            equity += p.EquityValue;
        }

        _equity = equity;
    }

    private decimal Sum(Func<PositionLedger, decimal> selector)
    {
        var total = 0m;
        foreach (var p in _positions)
        {
            total += _fx.ToAccount(selector(p), p.CurrencyIndex);
        }

        return total;
    }
}
