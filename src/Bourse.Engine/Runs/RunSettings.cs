using Bourse.Engine.Calendars;
using Bourse.Engine.Execution;
using Bourse.Engine.Statistics;
using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Runs;

/// <summary>
/// The risk parameters of one run (the <c>risk</c> object of <c>POST /api/v1/strategies/start</c>).
/// Money values are in the account currency; fractions are shares (0.05 = 5 %); durations are run time; null (or
/// false) means "no limit". The checks themselves are described on <see cref="Risk.RiskEngine"/>.
/// </summary>
/// <param name="MaxOrderQuantity">Largest quantity of one order, base units.</param>
/// <param name="MaxOrderNotional">Largest quantity × price of one order, account currency.</param>
/// <param name="MaxPositionSize">Largest absolute position value (|net quantity| × price) per instrument, account currency; also caps signal-sized orders.</param>
/// <param name="MaxPositions">Largest number of instruments with an open position at once.</param>
/// <param name="DailyLossLimit">Loss (positive number, account currency) of equity since the start of the trading day at which the run moves to <see cref="DailyLossAction"/>'s state until the next day.</param>
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

    /// <summary>Deny prices off the instrument's tick grid and quantities that are not a whole number of lots.</summary>
    public bool EnforceTickAndLot { get; init; }

    /// <summary>Largest absolute net quantity per instrument, base units.</summary>
    public decimal? MaxPositionQuantity { get; init; }

    /// <summary>Largest number of working orders at once.</summary>
    public int? MaxOpenOrders { get; init; }

    /// <summary>At most this many orders per window of run time.</summary>
    public OrderRateLimit? OrderRate { get; init; }

    /// <summary>Largest distance of a limit price from the last price, as a fraction of the last price (0.05 = within 5 %).</summary>
    public decimal? PriceBandPct { get; init; }

    /// <summary>What a breached <see cref="DailyLossLimit"/> does until the next trading day (default: reduce only).</summary>
    public Risk.LimitBreachAction DailyLossAction { get; init; } = Risk.LimitBreachAction.Reduce;

    /// <summary>Largest fall of equity from its peak of the trading day, as a fraction of that peak (0.1 = 10 %).</summary>
    public decimal? MaxDrawdownPct { get; init; }

    /// <summary>What a breached <see cref="MaxDrawdownPct"/> does until the next trading day (default: halt).</summary>
    public Risk.LimitBreachAction DrawdownAction { get; init; } = Risk.LimitBreachAction.Halt;

    /// <summary>Halts an instrument whose price moves too far too fast.</summary>
    public CircuitBreakerLimit? CircuitBreaker { get; init; }

    /// <summary>Leverage of margined instruments (perpetuals), ≥ 1 and at most each one's <see cref="Instrument.MaxLeverage"/>; 1 = fully funded.</summary>
    public decimal Leverage { get; init; } = 1m;
}

/// <summary>An order rate throttle: at most <paramref name="MaxOrders"/> orders sent to the venue within any <paramref name="Window"/> of run time.</summary>
/// <param name="MaxOrders">Orders allowed per window (≥ 1).</param>
/// <param name="Window">The sliding window (positive).</param>
public sealed record OrderRateLimit(int MaxOrders, TimeSpan Window);

/// <summary>
/// A per-instrument circuit breaker: when the price moves more than <paramref name="MovePct"/> (a fraction) from the
/// lowest or highest price of the last <paramref name="Window"/> of run time, orders in the instrument are denied for
/// <paramref name="Cooldown"/>, then accepted again.
/// </summary>
/// <param name="MovePct">The move that trips the breaker, a fraction (0.05 = 5 %).</param>
/// <param name="Window">How far back the move is measured (positive).</param>
/// <param name="Cooldown">How long the instrument stays halted (positive).</param>
public sealed record CircuitBreakerLimit(decimal MovePct, TimeSpan Window, TimeSpan Cooldown);

/// <summary>
/// Everything the kernel needs to run one strategy.
/// </summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Instruments">Instruments the run trades and receives data for.</param>
/// <param name="Risk">Risk parameters.</param>
/// <param name="StartingCash">Initial paper cash, in <paramref name="Currency"/>.</param>
/// <param name="Currency">Account currency: totals and risk limits are in it; instruments quoted in another currency need a conversion instrument or rate.</param>
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
    /// <summary>The trading state shared by the runs of one account (null: the run has only its own state).</summary>
    public Risk.AccountTradingState? Account { get; init; }

    /// <summary>
    /// Fixed rates into <see cref="Currency"/> by currency code (units of the account currency per unit), used for quote
    /// currencies that no conversion instrument of the run prices (the conversion instrument wins once it has a price).
    /// </summary>
    public IReadOnlyDictionary<string, decimal>? ConversionRates { get; init; }

    /// <summary>Time and allocation budget of each strategy callback (default <see cref="CallbackLimits.Default"/>).</summary>
    public CallbackLimits CallbackLimits { get; init; } = CallbackLimits.Default;

    /// <summary>
    /// The run's one trading calendar (<see cref="TradingCalendars.Of"/>): its trading day ends the daily loss limit and
    /// drawdown, and its periods per year annualise the statistics.
    /// </summary>
    public ITradingCalendar Calendar => TradingCalendars.Of(Instruments);

    /// <summary>
    /// How often equity is sampled into the equity curve and published as an <see cref="AccountUpdated"/> mark (default
    /// per bar close time; <see cref="EquitySampling.TradingDay"/> keeps long backtests free of per-bar growth).
    /// </summary>
    public EquitySampling EquitySampling { get; init; } = EquitySampling.Bar;
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

    /// <summary>Its loop ended for a server shutdown with its orders and positions in place; it resumes at the next start (stored status: running).</summary>
    Suspended,
}
