using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Portfolio;
using Bourse.Sdk.Values;

namespace Bourse.Engine.Accounting;

/// <summary>
/// The run's paper account: cash and net positions in the account currency (every instrument is quoted in it).
/// Buying spends price × quantity + commission; selling receives price × quantity − commission; shorts are
/// allowed (cash rises, the position value is negative). Equity = cash + Σ net quantity × last price.
/// </summary>
internal sealed class PaperAccount : IPortfolioView
{
    private readonly Dictionary<InstrumentId, PositionLedger> _byInstrument = [];
    private readonly List<PositionLedger> _positions = [];

    public PaperAccount(string currency, decimal startingCash, IEnumerable<Instrument> instruments)
    {
        Currency = currency.ToUpperInvariant();
        StartingCash = startingCash;
        CashAmount = startingCash;
        foreach (var instrument in instruments)
        {
            if (!_byInstrument.ContainsKey(instrument.Id))
            {
                var ledger = new PositionLedger(instrument.Id);
                _byInstrument.Add(instrument.Id, ledger);
                _positions.Add(ledger);
            }
        }
    }

    public string Currency { get; }

    public decimal StartingCash { get; }

    public decimal CashAmount { get; private set; }

    public int OpenPositionCount { get; private set; }

    public Money Cash => new(CashAmount, Currency);

    public Money Equity => new(EquityAmount, Currency);

    public decimal EquityAmount
    {
        get
        {
            var equity = CashAmount;
            foreach (var p in _positions)
            {
                equity += p.MarketValue;
            }

            return equity;
        }
    }

    public decimal RealizedPnl => Sum(static p => p.RealizedPnl);

    public decimal UnrealizedPnl => Sum(static p => p.UnrealizedPnl);

    public decimal Commissions => Sum(static p => p.Commissions);

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

    public PositionSnapshot Position(InstrumentId instrument) =>
        _byInstrument.TryGetValue(instrument, out var p) ? p.Snapshot() : new PositionSnapshot(instrument, 0m, 0m, 0m, 0m, 0m, 0m);

    public PositionLedger? Ledger(InstrumentId instrument) => _byInstrument.GetValueOrDefault(instrument);

    public decimal NetQuantity(InstrumentId instrument) => _byInstrument.TryGetValue(instrument, out var p) ? p.NetQuantity : 0m;

    public bool TryGetLastPrice(InstrumentId instrument, out decimal price)
    {
        if (_byInstrument.TryGetValue(instrument, out var p) && p.HasPrice)
        {
            price = p.LastPrice;
            return true;
        }

        price = 0m;
        return false;
    }

    /// <summary>Sets the last price of an instrument (mark to market).</summary>
    public void Mark(InstrumentId instrument, decimal price)
    {
        if (_byInstrument.TryGetValue(instrument, out var p))
        {
            p.Mark(price);
        }
    }

    /// <exception cref="InvalidOperationException">The instrument is not in the account.</exception>
    public FillOutcome ApplyFill(InstrumentId instrument, Side side, decimal quantity, decimal price, decimal commission)
    {
        if (!_byInstrument.TryGetValue(instrument, out var p))
        {
            throw new InvalidOperationException($"Fill for {instrument}, which the run does not trade.");
        }

        if (!p.HasPrice)
        {
            p.Mark(price);
        }

        var wasOpen = p.NetQuantity != 0m;
        var outcome = p.ApplyFill(side, quantity, price, commission);
        CashAmount -= (side.Sign() * quantity * price) + commission;
        var isOpen = p.NetQuantity != 0m;
        OpenPositionCount += (isOpen ? 1 : 0) - (wasOpen ? 1 : 0);
        return outcome;
    }

    private decimal Sum(Func<PositionLedger, decimal> selector)
    {
        var total = 0m;
        foreach (var p in _positions)
        {
            total += selector(p);
        }

        return total;
    }
}
