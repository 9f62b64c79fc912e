namespace Bourse.Engine.Backtesting;

/// <summary>One sample of a run's equity curve.</summary>
/// <param name="Timestamp">Bar close time of the sample, UTC.</param>
/// <param name="Equity">Cash plus position market value, account currency.</param>
public readonly record struct EquityPoint(DateTime Timestamp, decimal Equity);
