using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Values;

namespace Bourse.Sdk.Signals;

/// <summary>What a signal recommends.</summary>
public enum SignalType
{
    /// <summary>Open or add to a long position.</summary>
    Buy,

    /// <summary>Close a long position (or open a short).</summary>
    Sell,

    /// <summary>Do nothing; recorded for the record.</summary>
    Hold,
}

/// <summary>
/// A trading recommendation emitted by a strategy. With the run's <c>auto_execute</c> on, a signal whose
/// strength is at or above the run's threshold becomes an order sized by the run's risk settings.
/// </summary>
/// <param name="Instrument">The instrument the signal is about.</param>
/// <param name="Type">Buy, sell or hold.</param>
/// <param name="Strength">Confidence in 0..1.</param>
/// <param name="Price">Optional reference price in quote currency (e.g. the close that triggered it).</param>
/// <param name="Quantity">Optional quantity in base units; when null the platform sizes the order.</param>
/// <param name="Metadata">Optional key/value details (reasons, labels).</param>
/// <param name="Indicators">Optional named indicator values the signal was decided on (e.g. <c>{"rsi": 27.4, "sma_20": 7391.2}</c>);
/// finite numbers, recorded with the signal.</param>
public sealed record Signal(
    InstrumentId Instrument,
    SignalType Type,
    double Strength,
    Price? Price = null,
    Quantity? Quantity = null,
    IReadOnlyDictionary<string, string>? Metadata = null,
    IReadOnlyDictionary<string, double>? Indicators = null)
{
    /// <summary>Returns the reason the signal is malformed (strength outside 0..1, an indicator without a name or not a finite number), or null when well formed.</summary>
    public string? Problem()
    {
        if (double.IsNaN(Strength) || Strength < 0 || Strength > 1)
        {
            return $"signal strength must be within 0..1 (was {Strength})";
        }

        if (Indicators is null)
        {
            return null;
        }

        foreach (var (name, value) in Indicators)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return "an indicator value of the signal has no name";
            }

            if (!double.IsFinite(value))
            {
                return $"indicator '{name}' of the signal must be a finite number (was {value})";
            }
        }

        return null;
    }

    /// <summary>A copy with <paramref name="name"/> = <paramref name="value"/> added to <see cref="Indicators"/> (replacing a value of that name).</summary>
    /// <param name="name">The indicator's name, e.g. "rsi_14".</param>
    /// <param name="value">Its value when the signal was decided.</param>
    public Signal WithIndicator(string name, double value)
    {
        var indicators = new Dictionary<string, double>(Indicators ?? new Dictionary<string, double>(), StringComparer.Ordinal) { [name] = value };
        return this with { Indicators = indicators };
    }
}
