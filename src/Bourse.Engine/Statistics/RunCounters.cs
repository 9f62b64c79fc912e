using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Statistics;

/// <summary>The counters behind <see cref="Runs.RunStatistics"/>, updated by the kernel as events happen.</summary>
internal sealed class RunCounters
{
    public int TotalSignals { get; set; }

    public int ExecutedSignals { get; set; }

    public int BuySignals { get; set; }

    public int SellSignals { get; set; }

    public int HoldSignals { get; set; }

    public int ErrorCount { get; set; }

    public int TotalOrders { get; set; }

    public int FilledOrders { get; set; }

    public int RejectedOrders { get; set; }

    public int TotalTrades { get; set; }

    /// <summary>Fills that reduced a position, with their P&amp;L net of opening and closing commissions.</summary>
    public ClosedTradeTracker ClosedTrades { get; } = new();

    /// <summary>Σ |fill price × quantity|, account currency.</summary>
    public decimal TradedNotional { get; private set; }

    /// <summary>Counts a fill.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="signedQuantity">Quantity, positive for a buy and negative for a sell, base units.</param>
    /// <param name="price">Fill price converted into the account currency.</param>
    /// <param name="commission">The fill's commission, account currency.</param>
    /// <param name="realizedPnl">Realized P&amp;L of the part that reduced the position (0 when none), before commission.</param>
    public void RecordFill(InstrumentId instrument, decimal signedQuantity, decimal price, decimal commission, decimal realizedPnl)
    {
        TotalTrades++;
        TradedNotional += Math.Abs(signedQuantity * price);
        ClosedTrades.Record(instrument, signedQuantity, commission, realizedPnl);
    }
}
