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

    /// <summary>Fills that reduced a position, with their P&amp;L net of the closing fill's commission.</summary>
    public ClosedTrades ClosedTrades { get; private set; }

    /// <summary>Σ |fill price × quantity|, account currency.</summary>
    public decimal TradedNotional { get; private set; }

    /// <summary>Counts a fill of <paramref name="notional"/>; <paramref name="closedPnl"/> is its net P&amp;L when it reduced a position, else null.</summary>
    public void RecordFill(decimal notional, decimal? closedPnl)
    {
        TotalTrades++;
        TradedNotional += Math.Abs(notional);
        if (closedPnl is { } pnl)
        {
            ClosedTrades = ClosedTrades.Add(pnl);
        }
    }
}
