using Bourse.Engine.Execution;
using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Runs;

/// <summary>
/// The risk parameters of one run (the <c>risk</c> object of <c>POST /api/v1/strategies/start</c>).
/// Money values are in the account currency; null means "no limit".
/// </summary>
/// <param name="MaxOrderQuantity">Largest quantity of one order, base units.</param>
/// <param name="MaxOrderNotional">Largest quantity × price of one order, account currency.</param>
/// <param name="MaxPositionSize">Largest absolute position value (|net quantity| × price) per instrument, account currency; also caps signal-sized orders.</param>
/// <param name="MaxPositions">Largest number of instruments with an open position at once.</param>
/// <param name="DailyLossLimit">Loss (positive number, account currency) of equity since the start of the UTC trading day at which new orders are denied until the next day.</param>
/// <param name="PositionSizePct">Share of equity (0..1) a signal-sized order spends.</param>
/// <param name="AutoExecute">When true, signals at or above <paramref name="SignalStrengthThreshold"/> become orders.</param>
/// <param name="SignalStrengthThreshold">Minimum signal strength (0..1) that auto-executes.</param>
public sealed record RiskSettings(
    decimal? MaxOrderQuantity = null,
    decimal? MaxOrderNotional = null,
    decimal? MaxPositionSize = null,
    int? MaxPositions = null,
    decimal? DailyLossLimit = null,
    decimal PositionSizePct = 0.1m,
    bool AutoExecute = false,
    double SignalStrengthThreshold = 0.5)
{
    /// <summary>No limits, signals recorded only.</summary>
    public static RiskSettings Default { get; } = new();
}

/// <summary>
/// Everything the kernel needs to run one strategy.
/// </summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Instruments">Instruments the run trades and receives data for.</param>
/// <param name="Risk">Risk parameters.</param>
/// <param name="StartingCash">Initial paper cash, in <paramref name="Currency"/>.</param>
/// <param name="Currency">Account currency; instruments must be quoted in it.</param>
/// <param name="FeeBps">Commission in basis points of fill notional (1 bp = 0.01 %).</param>
/// <param name="MaxErrors">Strategy exceptions tolerated before the run goes to <see cref="RunStatus.Error"/>.</param>
/// <param name="Execution">Fill model, latency, slippage and fee model of the simulated venue; null = <see cref="ExecutionSettings.Default"/>.</param>
public sealed record RunSettings(
    RunId RunId,
    IReadOnlyList<Instrument> Instruments,
    RiskSettings Risk,
    decimal StartingCash = 100_000m,
    string Currency = "USD",
    decimal FeeBps = 1m,
    int MaxErrors = 10,
    ExecutionSettings? Execution = null)
{
    /// <summary>Time and allocation budget of each strategy callback (default <see cref="CallbackLimits.Default"/>).</summary>
    public CallbackLimits CallbackLimits { get; init; } = CallbackLimits.Default;
}

/// <summary>The lifecycle state of a run.</summary>
public enum RunStatus
{
    /// <summary>Built, not started.</summary>
    Created,

    /// <summary>Processing data.</summary>
    Running,

    /// <summary>Stopped on request (or by server shutdown).</summary>
    Stopped,

    /// <summary>Stopped after too many strategy errors.</summary>
    Error,

    /// <summary>A backtest that consumed all its data.</summary>
    Completed,
}
