namespace Bourse.Engine.Statistics;

/// <summary>
/// Running totals of closed trades. A closed trade is a fill that reduced (closed, partly closed or flipped) a
/// position; its P&amp;L is the realized P&amp;L of the reduced part net of the commissions of opening and closing
/// that quantity (<see cref="ClosedTradeTracker"/>), in the account currency. A trade with a P&amp;L of exactly zero
/// is neither a win nor a loss.
/// </summary>
/// <param name="Count">Closed trades.</param>
/// <param name="Wins">Closed trades with a positive P&amp;L.</param>
/// <param name="Losses">Closed trades with a negative P&amp;L.</param>
/// <param name="GrossProfit">Sum of the winning trades' P&amp;L (≥ 0).</param>
/// <param name="GrossLoss">Sum of the losing trades' P&amp;L (≤ 0).</param>
public readonly record struct ClosedTrades(int Count, int Wins, int Losses, decimal GrossProfit, decimal GrossLoss)
{
    /// <summary>Net P&amp;L of all closed trades: gross profit + gross loss.</summary>
    public decimal NetPnl => GrossProfit + GrossLoss;

    /// <summary>The totals with one more closed trade of P&amp;L <paramref name="pnl"/>.</summary>
    public ClosedTrades Add(decimal pnl) => pnl switch
    {
        > 0m => new(Count + 1, Wins + 1, Losses, GrossProfit + pnl, GrossLoss),
        < 0m => new(Count + 1, Wins, Losses + 1, GrossProfit, GrossLoss + pnl),
        _ => this with { Count = Count + 1 },
    };

    /// <summary>Wins / closed trades; 0 when there are none.</summary>
    public double WinRate => Count == 0 ? 0d : (double)Wins / Count;

    /// <summary>
    /// Profit factor: gross profit / |gross loss| (e.g. R. Pardo, "The Evaluation and Optimization of Trading
    /// Strategies", 2nd ed., Wiley 2008, ch. 9). Null when there is no losing trade (undefined).
    /// </summary>
    public double? ProfitFactor => GrossLoss == 0m ? null : (double)(GrossProfit / -GrossLoss);

    /// <summary>
    /// Expectancy: the mean P&amp;L per closed trade, = win rate × average win + loss rate × average loss
    /// (V. K. Tharp, "Trade Your Way to Financial Freedom", McGraw-Hill 1998); account currency, 0 when there are no trades.
    /// </summary>
    public decimal Expectancy => Count == 0 ? 0m : NetPnl / Count;

    /// <summary>Mean P&amp;L of the winning trades (≥ 0), account currency; 0 when there are none.</summary>
    public decimal AverageWin => Wins == 0 ? 0m : GrossProfit / Wins;

    /// <summary>Mean P&amp;L of the losing trades (≤ 0), account currency; 0 when there are none.</summary>
    public decimal AverageLoss => Losses == 0 ? 0m : GrossLoss / Losses;
}
