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
/// <param name="Metadata">Optional key/value details (indicator values, reasons).</param>
public sealed record Signal(
    InstrumentId Instrument,
    SignalType Type,
    double Strength,
    Price? Price = null,
    Quantity? Quantity = null,
    IReadOnlyDictionary<string, string>? Metadata = null)
{
    /// <summary>Returns the reason the signal is malformed, or null when well formed.</summary>
    public string? Problem() =>
        double.IsNaN(Strength) || Strength < 0 || Strength > 1 ? $"signal strength must be within 0..1 (was {Strength})" : null;
}
