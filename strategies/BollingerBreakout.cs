using System.ComponentModel.DataAnnotations;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Indicators;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Signals;
using Bourse.Sdk.Strategies;

namespace Bourse.Strategies;

/// <summary>Parameters of <see cref="BollingerBreakout"/>.</summary>
public sealed record BollingerBreakoutConfig : IValidatableObject
{
    /// <summary>Bars in the bands' moving average and standard deviation.</summary>
    [Parameter("Bars in the Bollinger Bands' simple moving average and standard deviation of the close", Min = 2, Max = 500)]
    public int Period { get; init; } = 20;

    /// <summary>Band half-width in standard deviations.</summary>
    [Parameter("Distance of the upper and lower bands from the middle, in standard deviations", Min = 0.1, Max = 10)]
    public double Width { get; init; } = 2;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!double.IsFinite(Width) || Width <= 0)
        {
            yield return new ValidationResult($"Width ({Width}) must be a positive number of standard deviations", [nameof(Width)]);
        }
    }
}

/// <summary>
/// Volatility breakout on Bollinger Bands of the close, per instrument: when the close crosses above the upper band
/// it emits a Buy signal (enter long on the breakout); when a close crosses below the middle band (the 20-bar mean)
/// it emits a Sell signal (exit: the breakout has faded). It never places orders itself: with auto-execute on, the
/// platform sizes and places them (a Sell only closes a long, it never opens a short).
/// </summary>
/// <remarks>
/// Signal strength is 0.5 at the band plus how far the close went past it as a fraction of the band width
/// (upper − lower), capped at 1: <c>min(1, 0.5 + distance / (upper − lower))</c>.
/// </remarks>
[Strategy("Bollinger Breakout",
    Description = "Buys when the close breaks above the upper Bollinger Band and sells when it falls back below the middle band.",
    RiskLevel = RiskLevel.Medium,
    Type = StrategyType.Momentum)]
public sealed class BollingerBreakout : Strategy<BollingerBreakoutConfig>
{
    private readonly Dictionary<InstrumentId, State> _states = [];

    /// <inheritdoc />
    public override void OnBar(Bar bar)
    {
        if (!_states.TryGetValue(bar.Instrument, out var state))
        {
            state = new State(new BollingerBands(Config.Period, Config.Width));
            _states[bar.Instrument] = state;
        }

        var close = (double)bar.Close.Value;
        var bands = state.Bands;
        bands.Update(close);
        if (!bands.IsReady)
        {
            return;
        }

        var (wasPrimed, wasAboveUpper, wasBelowMiddle) = (state.Primed, state.AboveUpper, state.BelowMiddle);
        state.Primed = true;
        state.AboveUpper = close > bands.Upper;
        state.BelowMiddle = close < bands.Middle;
        if (!wasPrimed || bands.Upper == bands.Lower)
        {
            return;
        }

        if (state.AboveUpper && !wasAboveUpper)
        {
            Emit(bar, SignalType.Buy, close - bands.Upper, bands);
        }
        else if (state.BelowMiddle && !wasBelowMiddle)
        {
            Emit(bar, SignalType.Sell, bands.Middle - close, bands);
        }
    }

    private void Emit(Bar bar, SignalType type, double distance, BollingerBands bands) =>
        EmitSignal(new Signal(bar.Instrument, type, Math.Min(1.0, 0.5 + (distance / (bands.Upper - bands.Lower))), bar.Close, Metadata: new NumericMetadata("0.######", ("upper", bands.Upper), ("middle", bands.Middle), ("lower", bands.Lower))));

    private sealed class State(BollingerBands bands)
    {
        public BollingerBands Bands { get; } = bands;

        /// <summary>True once a close was compared with ready bands.</summary>
        public bool Primed { get; set; }

        /// <summary>Whether the previous ready close was above the upper band.</summary>
        public bool AboveUpper { get; set; }

        /// <summary>Whether the previous ready close was below the middle band.</summary>
        public bool BelowMiddle { get; set; }
    }
}
