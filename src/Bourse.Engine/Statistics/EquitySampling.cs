namespace Bourse.Engine.Statistics;

/// <summary>How often a run samples its equity curve and publishes its mark-to-market (<c>AccountUpdated</c>).</summary>
public enum EquitySampling
{
    /// <summary>One point per bar close time (the default): intraday statistics, one mark per bar.</summary>
    Bar,

    /// <summary>
    /// One point per trading day of the run's calendar: the equity of the last mark (bar close or trade tick) at or
    /// before the day's session close (marks after the close belong to the next trading day). Statistics are then over daily returns, annualised
    /// with the calendar's trading days per year; the curve and the marks no longer grow with the number of bars, which is
    /// what a backtest over millions of bars needs.
    /// </summary>
    TradingDay,
}
