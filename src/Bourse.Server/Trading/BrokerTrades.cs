using Bourse.Persistence;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Server.Runs;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Trading;

/// <summary>
/// One execution of an account (a row of <c>fills</c>) with its order's progress at that moment. Prices in quote
/// currency, quantities in base units, the commission in <paramref name="CommissionCurrency"/>, time UTC on the feed's clock.
/// </summary>
/// <param name="Sequence">The fill's row id: orders fills of the same time.</param>
/// <param name="Time">When it filled.</param>
/// <param name="Instrument">What was traded.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Price">Fill price.</param>
/// <param name="Quantity">Fill quantity.</param>
/// <param name="Commission">Commission charged on it.</param>
/// <param name="CommissionCurrency">The commission's currency.</param>
/// <param name="OrderId">The order's UUID (<see cref="BrokerOrderIds"/>).</param>
/// <param name="CumulativeQuantity">What the order had filled up to and including this fill.</param>
/// <param name="LeavesQuantity">What the order still had to fill after it (its quantity minus <paramref name="CumulativeQuantity"/>, not below 0).</param>
public sealed record BrokerTrade(
    long Sequence,
    DateTime Time,
    InstrumentId Instrument,
    Side Side,
    decimal Price,
    decimal Quantity,
    decimal Commission,
    string CommissionCurrency,
    Guid OrderId,
    decimal CumulativeQuantity,
    decimal LeavesQuantity)
{
    /// <summary>The cash this fill moved for a cash instrument: a sale's proceeds or a purchase's cost (negative), less the commission.</summary>
    public decimal CashFlow => ((Side == Side.Sell ? 1m : -1m) * Price * Quantity) - Commission;
}

/// <summary>An account's executions as stored (table <c>fills</c>), read after the outbox has written the events queued before the call.</summary>
public sealed class BrokerTrades(IDbContextFactory<BourseDbContext> contexts, RunEventOutbox outbox)
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Every execution of <paramref name="account"/>, oldest first (time, then row id).</summary>
    public async Task<IReadOnlyList<BrokerTrade>> ReadAsync(BrokerAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await outbox.FlushAsync(FlushTimeout, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var fills = await db.Fills.AsNoTracking().Where(f => f.RunId == account.Id).ToListAsync(cancellationToken);
        var quantities = await db.Orders.AsNoTracking().Where(o => o.RunId == account.Id)
            .ToDictionaryAsync(o => o.ClientOrderId, o => o.Quantity, cancellationToken);
        var filled = new Dictionary<string, decimal>();
        var trades = new List<BrokerTrade>(fills.Count);
        foreach (var fill in fills.OrderBy(f => f.Timestamp).ThenBy(f => f.Id))
        {
            var cumulative = filled[fill.ClientOrderId] = filled.GetValueOrDefault(fill.ClientOrderId) + fill.Quantity;
            var ordered = quantities.GetValueOrDefault(fill.ClientOrderId, cumulative);
            trades.Add(new BrokerTrade(
                fill.Id, fill.Timestamp, InstrumentId.Parse(fill.Symbol), fill.Side == "sell" ? Side.Sell : Side.Buy, fill.Price, fill.Quantity,
                fill.Commission, fill.CommissionCurrency, BrokerOrderIds.For(account.Id, fill.ClientOrderId), cumulative, Math.Max(0m, ordered - cumulative)));
        }

        return trades;
    }
}
