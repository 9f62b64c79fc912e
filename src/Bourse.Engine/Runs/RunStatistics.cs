using Bourse.Engine.Statistics;

namespace Bourse.Engine.Runs;

/// <summary>
/// Counters and performance figures of a run. Money in the account currency; ratios as fractions (0.05 = 5 %).
/// </summary>
/// <param name="TotalSignals">Signals recorded.</param>
/// <param name="ExecutedSignals">Signals that produced an order.</param>
/// <param name="BuySignals">Signals of type Buy.</param>
/// <param name="SellSignals">Signals of type Sell.</param>
/// <param name="HoldSignals">Signals of type Hold.</param>
/// <param name="ErrorCount">Strategy exceptions.</param>
/// <param name="TotalOrders">Orders submitted by the strategy or the signal router (rejected ones included).</param>
/// <param name="FilledOrders">Orders completely filled.</param>
/// <param name="RejectedOrders">Orders rejected by risk or the venue.</param>
/// <param name="TotalTrades">Fills (executions).</param>
/// <param name="ClosedTrades">Fills that reduced a position and so realized P&amp;L.</param>
/// <param name="RealizedPnl">Realized P&amp;L, before commissions.</param>
/// <param name="UnrealizedPnl">Unrealized P&amp;L of open positions at the last price.</param>
/// <param name="Commissions">Total commissions (fees) paid.</param>
/// <param name="NetPnl">Equity minus starting cash (= realized + unrealized - commissions).</param>
/// <param name="Performance">Return, risk and trade figures (total return, CAGR, Sharpe, drawdown, win rate...).</param>
/// <param name="Risk">Risk decisions: denials by check, trading state changes, circuit breaker trips and resets, kill switches, margin calls, and the state now.</param>
/// <param name="DailyPnl">Equity now minus the equity when the current trading day began (the day of the daily loss limit: it resets at the
/// session close of the run's calendar, see <c>LossLimits</c>).</param>
public sealed record RunStatistics(
    int TotalSignals,
    int ExecutedSignals,
    int BuySignals,
    int SellSignals,
    int HoldSignals,
    int ErrorCount,
    int TotalOrders,
    int FilledOrders,
    int RejectedOrders,
    int TotalTrades,
    int ClosedTrades,
    decimal RealizedPnl,
    decimal UnrealizedPnl,
    decimal Commissions,
    decimal NetPnl,
    PerformanceStatistics Performance,
    Risk.RiskStatistics? Risk = null,
    decimal DailyPnl = 0m);
