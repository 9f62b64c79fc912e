using System.Text.Json;

namespace Bourse.Engine.Risk;

/// <summary>The pre-trade checks of <see cref="RiskEngine"/>, in the order they run; a denial names the one that failed.</summary>
public enum RiskCheck
{
    /// <summary>The request is malformed (no quantity, missing or stray prices).</summary>
    Malformed,

    /// <summary>The run does not trade the instrument.</summary>
    UnknownInstrument,

    /// <summary>The run's or the account's trading state (Halted, or Reducing and the order adds exposure).</summary>
    TradingState,

    /// <summary>The instrument's circuit breaker is tripped.</summary>
    CircuitBreaker,

    /// <summary>A price is off the instrument's tick grid.</summary>
    TickSize,

    /// <summary>The quantity is not a whole number of lots.</summary>
    LotSize,

    /// <summary>No price to value the order yet, or no rate to convert it into the account currency.</summary>
    NoPrice,

    /// <summary>A limit or trigger price is too far from the last price.</summary>
    PriceBand,

    /// <summary>Too many orders within the throttle's window.</summary>
    OrderRate,

    /// <summary>Too many working orders.</summary>
    MaxOpenOrders,

    /// <summary>The order's quantity is too large.</summary>
    MaxOrderQuantity,

    /// <summary>The order's notional is too large.</summary>
    MaxOrderNotional,

    /// <summary>The order would open one position too many.</summary>
    MaxPositions,

    /// <summary>The resulting position's quantity is too large.</summary>
    MaxPositionQuantity,

    /// <summary>The resulting position's notional is too large.</summary>
    MaxPositionNotional,

    /// <summary>The margin the order needs exceeds the margin available.</summary>
    BuyingPower,
}

/// <summary>A failed pre-trade check of one order.</summary>
/// <param name="Check">The check that failed.</param>
/// <param name="Reason">Why, naming the limit and the order's value (e.g. "max order quantity 1 exceeded (requested 3)").</param>
public sealed record RiskDenial(RiskCheck Check, string Reason)
{
    /// <summary>The check's snake_case name (max_order_quantity), as in <see cref="RiskStatistics.Denials"/>.</summary>
    public string CheckName => RiskCounters.Name(Check);
}

/// <summary>Risk figures of a run (part of <see cref="Runs.RunStatistics"/>).</summary>
/// <param name="Denials">Orders denied, by check (snake_case check name → count); checks that denied nothing are left out.</param>
/// <param name="StateChanges">Trading state changes (run and account scope).</param>
/// <param name="CircuitBreakerTrips">Circuit breaker trips.</param>
/// <param name="CircuitBreakerResets">Circuit breaker resets after the cool-down.</param>
/// <param name="KillSwitches">Kill switches carried out.</param>
/// <param name="MarginCalls">Margin calls (liquidations).</param>
/// <param name="State">The run's effective trading state now.</param>
public sealed record RiskStatistics(
    IReadOnlyDictionary<string, int> Denials,
    int StateChanges,
    int CircuitBreakerTrips,
    int CircuitBreakerResets,
    int KillSwitches,
    int MarginCalls,
    TradingState State)
{
    /// <summary>Equal when every figure is, the denials compared by content (so two identical runs compare equal).</summary>
    public bool Equals(RiskStatistics? other) =>
        other is not null
        && (StateChanges, CircuitBreakerTrips, CircuitBreakerResets, KillSwitches, MarginCalls, State)
            == (other.StateChanges, other.CircuitBreakerTrips, other.CircuitBreakerResets, other.KillSwitches, other.MarginCalls, other.State)
        && Denials.Count == other.Denials.Count
        && Denials.All(d => other.Denials.TryGetValue(d.Key, out var n) && n == d.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Denials.Count, StateChanges, CircuitBreakerTrips, CircuitBreakerResets, KillSwitches, MarginCalls, State);
}

/// <summary>The counters behind <see cref="RiskStatistics"/>.</summary>
internal sealed class RiskCounters
{
    private readonly int[] _denials = new int[Enum.GetValues<RiskCheck>().Length];

    public int StateChanges { get; set; }

    public int CircuitBreakerTrips { get; set; }

    public int CircuitBreakerResets { get; set; }

    public int KillSwitches { get; set; }

    public int MarginCalls { get; set; }

    public void Denied(RiskCheck check) => _denials[(int)check]++;

    public int DenialsOf(RiskCheck check) => _denials[(int)check];

    public RiskStatistics Snapshot(TradingState state)
    {
        var denials = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var check in Enum.GetValues<RiskCheck>())
        {
            if (_denials[(int)check] > 0)
            {
                denials[Name(check)] = _denials[(int)check];
            }
        }

        return new RiskStatistics(denials, StateChanges, CircuitBreakerTrips, CircuitBreakerResets, KillSwitches, MarginCalls, state);
    }

    /// <summary>snake_case of the check's name (MaxOrderQuantity → max_order_quantity).</summary>
    public static string Name(RiskCheck check) => JsonNamingPolicy.SnakeCaseLower.ConvertName(check.ToString());
}
