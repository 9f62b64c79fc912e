using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Strategies;

namespace Bourse.Engine.Runs.Recovery;

/// <summary>
/// What the database knows of a run that was running when its server ended (a crash, a kill or a shutdown): the input
/// of <see cref="TradingRun.Resume"/>. Positions are the sum of <see cref="Fills"/>; open orders are the persisted
/// orders not in a final state.
/// </summary>
/// <param name="Fills">Every persisted fill of the run, oldest first; replayed into the paper account (cash, positions, P&amp;L, statistics).</param>
/// <param name="OpenOrders">Persisted orders not in a final state, oldest first; restored into the venue.</param>
/// <param name="Counts">Counters and the last ids used, so numbering carries on without reusing an id.</param>
/// <param name="State">The strategy state last saved (<see cref="Strategy.OnSave"/>), empty when none was.</param>
public sealed record RunRecovery(
    IReadOnlyList<RecoveredFill> Fills,
    IReadOnlyList<RecoveredOrder> OpenOrders,
    RecoveredCounts Counts,
    StrategyState State);

/// <summary>One persisted fill. Price and commission in the instrument's quote currency, quantity in base units, time UTC run time.</summary>
public sealed record RecoveredFill(ClientOrderId OrderId, InstrumentId Instrument, Side Side, decimal Price, decimal Quantity, decimal Commission);

/// <summary>
/// One persisted order not in a final state, with its current terms (a modified quantity or price included).
/// </summary>
/// <param name="Id">The order id.</param>
/// <param name="Request">Its current terms.</param>
/// <param name="Status">Initialized (held by an order list), Submitted, Accepted, Triggered or PartiallyFilled.</param>
/// <param name="FilledQuantity">Quantity filled so far, base units.</param>
/// <param name="CreatedAt">When it was created, UTC run time (a DAY order expires at that session's close).</param>
public sealed record RecoveredOrder(ClientOrderId Id, OrderRequest Request, OrderStatus Status, decimal FilledQuantity, DateTime CreatedAt);

/// <summary>The run's counters as persisted and the last numbers of its ids ("O-000042" is order number 42).</summary>
public sealed record RecoveredCounts(
    int TotalOrders,
    int FilledOrders,
    int RejectedOrders,
    int TotalSignals,
    int ExecutedSignals,
    int BuySignals,
    int SellSignals,
    int HoldSignals,
    int ErrorCount,
    long LastOrderNumber,
    long LastTradeNumber,
    long LastSignalId)
{
    /// <summary>Nothing counted yet.</summary>
    public static RecoveredCounts None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The number of an engine id ("O-000042" → 42, "T-1000000" → 1000000); 0 when it has none.</summary>
    public static long NumberOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var dash = id.LastIndexOf('-');
        return long.TryParse(id.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
    }
}
