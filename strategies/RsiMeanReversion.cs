using System.ComponentModel.DataAnnotations;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Indicators;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Signals;
using Bourse.Sdk.Strategies;

namespace Bourse.Strategies;

/// <summary>Parameters of <see cref="RsiMeanReversion"/>.</summary>
public sealed record RsiMeanReversionConfig : IValidatableObject
{
    /// <summary>Bars in the RSI.</summary>
    [Parameter("Bars in the relative strength index (Wilder's smoothing)", Min = 2, Max = 200)]
    public int Period { get; init; } = 14;

    /// <summary>RSI level below which the market is oversold.</summary>
    [Parameter("RSI level (0..100) below which the instrument is oversold: crossing under it is a buy", Min = 0, Max = 100)]
    public double Oversold { get; init; } = 30;

    /// <summary>RSI level above which the market is overbought.</summary>
    [Parameter("RSI level (0..100) above which the instrument is overbought: crossing over it is a sell", Min = 0, Max = 100)]
    public double Overbought { get; init; } = 70;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Oversold >= Overbought)
        {
            yield return new ValidationResult($"Oversold ({Oversold}) must be below Overbought ({Overbought})", [nameof(Oversold)]);
        }
    }
}

/// <summary>
/// Mean reversion on the relative strength index of the close, per instrument. When the RSI crosses below the
/// oversold level it emits a Buy signal; when it crosses above the overbought level, a Sell signal. It never places
/// orders itself: with auto-execute on, the platform sizes and places them.
/// </summary>
/// <remarks>
/// Signal strength grows with how far the RSI went past the level: 0.5 right at it, plus 0.1 per RSI point beyond,
/// capped at 1 (so 5 points past the level is full strength).
/// </remarks>
[Strategy("RSI Mean Reversion",
    Description = "Buys when the RSI of the close drops below the oversold level and sells when it rises above the overbought level.",
    RiskLevel = RiskLevel.Medium,
    Type = StrategyType.MeanReversion)]
public sealed class RsiMeanReversion : Strategy<RsiMeanReversionConfig>
{
    private readonly Dictionary<InstrumentId, State> _states = [];

    /// <inheritdoc />
    public override void OnBar(Bar bar)
    {
        if (!_states.TryGetValue(bar.Instrument, out var state))
        {
            state = new State(new RelativeStrengthIndex(Config.Period));
            _states[bar.Instrument] = state;
        }

        var rsi = state.Rsi.Update((double)bar.Close.Value);
        if (!state.Rsi.IsReady)
        {
            return;
        }

        var previous = state.PreviousRsi;
        state.PreviousRsi = rsi;
        if (previous is null)
        {
            return;
        }

        if (previous >= Config.Oversold && rsi < Config.Oversold)
        {
            Emit(bar, SignalType.Buy, rsi, Config.Oversold - rsi);
        }
        else if (previous <= Config.Overbought && rsi > Config.Overbought)
        {
            Emit(bar, SignalType.Sell, rsi, rsi - Config.Overbought);
        }
    }

    private void Emit(Bar bar, SignalType type, double rsi, double pointsPastLevel) =>
        EmitSignal(new Signal(bar.Instrument, type, Math.Min(1.0, 0.5 + (0.1 * pointsPastLevel)), bar.Close, Metadata: new NumericMetadata("0.####", ("rsi", rsi))));

    private sealed class State(RelativeStrengthIndex rsi)
    {
        public RelativeStrengthIndex Rsi { get; } = rsi;

        /// <summary>RSI on the previous ready bar.</summary>
        public double? PreviousRsi { get; set; }
    }
}
