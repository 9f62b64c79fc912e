using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Risk;

/// <summary>The run's or the account's trading state changed (a limit breach, a new trading day, an operator, a kill switch).</summary>
/// <param name="Scope">Whose state changed: the run's own, or the shared account's (published by each run that sees it).</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Reason">Why, naming the limit and the value when a limit was breached.</param>
public sealed record TradingStateChanged(RunId RunId, long Sequence, DateTime Timestamp, TradingStateScope Scope, TradingState From, TradingState To, string Reason)
    : RunEvent(RunId, Sequence, Timestamp);

/// <summary>
/// The circuit breaker of an instrument tripped: its price moved more than the configured percentage within the
/// window. Orders in the instrument are denied until <paramref name="ResumesAt"/>.
/// </summary>
/// <param name="Instrument">The halted instrument.</param>
/// <param name="ReferencePrice">The window's extreme price the move is measured from, quote currency.</param>
/// <param name="Price">The price that tripped the breaker, quote currency.</param>
/// <param name="MovePct">|Price − ReferencePrice| / ReferencePrice, a fraction (0.05 = 5 %).</param>
/// <param name="ResumesAt">End of the cool-down, UTC run time.</param>
/// <param name="Reason">Human-readable reason naming the limit and the move.</param>
public sealed record CircuitBreakerTripped(
    RunId RunId, long Sequence, DateTime Timestamp, InstrumentId Instrument, decimal ReferencePrice, decimal Price, decimal MovePct, DateTime ResumesAt, string Reason)
    : RunEvent(RunId, Sequence, Timestamp);

/// <summary>The cool-down of an instrument's circuit breaker ended: orders in it are accepted again.</summary>
public sealed record CircuitBreakerReset(RunId RunId, long Sequence, DateTime Timestamp, InstrumentId Instrument, string Reason)
    : RunEvent(RunId, Sequence, Timestamp);

/// <summary>
/// The kill switch fired (on the run, or on the account and seen by this run): every working order was canceled and,
/// when <paramref name="Flatten"/>, every open position got a market order that closes it. The run is then Halted.
/// </summary>
/// <param name="Scope">Run: <c>TradingRun.Kill</c>; Account: <c>AccountTradingState.Kill</c>.</param>
/// <param name="Flatten">Whether positions were closed.</param>
/// <param name="CanceledOrders">Working orders canceled.</param>
/// <param name="FlattenOrders">Market orders sent to close positions (tagged "kill-switch").</param>
/// <param name="Reason">Who or what pulled the switch.</param>
public sealed record KillSwitchActivated(RunId RunId, long Sequence, DateTime Timestamp, TradingStateScope Scope, bool Flatten, int CanceledOrders, int FlattenOrders, string Reason)
    : RunEvent(RunId, Sequence, Timestamp);

/// <summary>
/// Equity fell below the maintenance margin of the margined positions: working orders were canceled and every
/// margined position got a market order that closes it (tagged "liquidation"). Amounts in the account currency.
/// </summary>
/// <param name="Equity">Equity when the call was made.</param>
/// <param name="MaintenanceMargin">Σ |quantity| × price × maintenance rate over the margined positions.</param>
/// <param name="LiquidationOrders">Market orders sent to close margined positions.</param>
public sealed record MarginCalled(RunId RunId, long Sequence, DateTime Timestamp, string Currency, decimal Equity, decimal MaintenanceMargin, int LiquidationOrders, string Reason)
    : RunEvent(RunId, Sequence, Timestamp);
