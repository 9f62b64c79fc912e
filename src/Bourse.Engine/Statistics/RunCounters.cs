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

    public int ClosedTrades { get; set; }

    /// <summary>Closed trades whose realized P&amp;L net of the closing fill's commission was positive.</summary>
    public int WinningTrades { get; set; }
}
