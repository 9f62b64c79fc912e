using System.ComponentModel.DataAnnotations;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Indicators;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Signals;
using Bourse.Sdk.Strategies;

namespace Bourse.Strategies;

/// <summary>Parameters of <see cref="EmaCrossover"/>.</summary>
public sealed record EmaCrossoverConfig : IValidatableObject
{
    /// <summary>Bars in the fast EMA.</summary>
    [Parameter("Bars in the fast exponential moving average of the close", Min = 2, Max = 200)]
    public int FastPeriod { get; init; } = 12;

    /// <summary>Bars in the slow EMA; must be above <see cref="FastPeriod"/>.</summary>
    [Parameter("Bars in the slow exponential moving average of the close; must exceed FastPeriod", Min = 3, Max = 500)]
    public int SlowPeriod { get; init; } = 26;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FastPeriod >= SlowPeriod)
        {
            yield return new ValidationResult($"FastPeriod ({FastPeriod}) must be below SlowPeriod ({SlowPeriod})", [nameof(FastPeriod)]);
        }
    }
}

/// <summary>
/// Trend following on two exponential moving averages of the close, per instrument. When the fast EMA crosses above
/// the slow one it emits a Buy signal; when it crosses below, a Sell signal. It never places orders itself: with
/// auto-execute on, the platform sizes and places them.
/// </summary>
/// <remarks>
/// Signal strength is 0.5 for a bare cross plus the gap between the averages relative to the slow one, scaled so
/// that a 0.1% gap adds the other half: <c>min(1, 0.5 + 500 × |fast − slow| / slow)</c>. Every cross reaches the
/// default auto-execute threshold (0.5); a trader who raises the threshold keeps only the decisive crosses and
/// filters whipsaws where the averages barely touch.
/// </remarks>
[Strategy("EMA Crossover",
    Description = "Buys when the fast EMA of the close crosses above the slow EMA and sells when it crosses below.",
    RiskLevel = RiskLevel.Medium,
    Type = StrategyType.Momentum)]
public sealed class EmaCrossover : Strategy<EmaCrossoverConfig>
{
    private readonly Dictionary<InstrumentId, State> _states = [];
    private State? _last; // the state of the last bar's instrument: one instrument's bars in a row skip the dictionary

    /// <inheritdoc />
    public override void OnBar(Bar bar)
    {
        var state = _last is { } last && last.Instrument == bar.Instrument ? last : StateOf(bar.Instrument);

        var close = (double)bar.Close.Value;
        var fast = state.Fast.Update(close);
        var slow = state.Slow.Update(close);
        if (!state.Fast.IsReady || !state.Slow.IsReady)
        {
            return;
        }

        var gap = fast - slow;
        var previous = state.PreviousGap;
        state.PreviousGap = gap;
        if (previous is null)
        {
            return;
        }

        SignalType? type = previous <= 0 && gap > 0 ? SignalType.Buy
            : previous >= 0 && gap < 0 ? SignalType.Sell
            : null;
        if (type is null)
        {
            return;
        }

        var strength = Math.Min(1.0, 0.5 + (500 * Math.Abs(gap) / slow));
        EmitSignal(new Signal(bar.Instrument, type.Value, strength, bar.Close, Metadata: new NumericMetadata("0.######", ("fast_ema", fast), ("slow_ema", slow))));
    }

    private State StateOf(InstrumentId instrument)
    {
        if (!_states.TryGetValue(instrument, out var state))
        {
            state = new State(instrument, new ExponentialMovingAverage(Config.FastPeriod), new ExponentialMovingAverage(Config.SlowPeriod));
            _states[instrument] = state;
        }

        return _last = state;
    }

    private sealed class State(InstrumentId instrument, ExponentialMovingAverage fast, ExponentialMovingAverage slow)
    {
        public InstrumentId Instrument { get; } = instrument;

        public ExponentialMovingAverage Fast { get; } = fast;

        public ExponentialMovingAverage Slow { get; } = slow;

        /// <summary>fast − slow on the previous ready bar.</summary>
        public double? PreviousGap { get; set; }
    }
}
