using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Risk;

/// <summary>
/// Per-instrument circuit breakers (<see cref="CircuitBreakerLimit"/>). Each price observation (bar close, trade tick)
/// is compared with the lowest and highest price of the instrument over the window: a rise of more than the limit from
/// the low, or a fall of more than the limit from the high, trips the breaker until the cool-down ends. At the reset
/// the window starts empty (the move that tripped it does not trip it again). Observation is amortized O(1) and
/// allocation-free; <see cref="ResetDue"/> scans the instruments only when a cool-down has actually ended.
/// </summary>
internal sealed class CircuitBreakers
{
    private readonly CircuitBreakerLimit? _limit;
    private readonly Dictionary<InstrumentId, Breaker> _breakers = [];
    private DateTime _nextReset = DateTime.MaxValue;

    public CircuitBreakers(CircuitBreakerLimit? limit, IEnumerable<Instrument> instruments)
    {
        _limit = limit;
        if (limit is null)
        {
            return;
        }

        foreach (var instrument in instruments)
        {
            _breakers.TryAdd(instrument.Id, new Breaker(instrument.Id, new PriceWindow(limit.Window)));
        }
    }

    /// <summary>True when the run has a circuit breaker limit (else there is nothing to observe).</summary>
    public bool IsEnabled => _limit is not null;

    /// <summary>Records a price; returns the trip when this price trips the instrument's breaker.</summary>
    public Trip? Observe(InstrumentId instrument, DateTime now, decimal price)
    {
        if (_limit is not { } limit || !_breakers.TryGetValue(instrument, out var breaker) || breaker.HaltedUntil is not null)
        {
            return null;
        }

        var window = breaker.Window;
        window.Add(now, price);
        var low = window.Low;
        var high = window.High;
        decimal reference;
        if (price - low > low * limit.MovePct)
        {
            reference = low;
        }
        else if (high - price > high * limit.MovePct)
        {
            reference = high;
        }
        else
        {
            return null;
        }

        var until = now + limit.Cooldown;
        breaker.HaltedUntil = until;
        if (until < _nextReset)
        {
            _nextReset = until;
        }

        var move = Math.Abs(price - reference) / reference;
        var reason = $"circuit breaker on {instrument}: price moved {Invariant.Percent(move)} ({Invariant.Num(reference)} → {Invariant.Num(price)}) within {limit.Window}, more than the limit {Invariant.Percent(limit.MovePct)}; orders in it are denied until {until:yyyy-MM-dd HH:mm:ss} UTC";
        return new Trip(instrument, reference, price, move, until, reason);
    }

    /// <summary>The reason orders in <paramref name="instrument"/> are denied now, or null when it trades.</summary>
    public string? Halt(InstrumentId instrument, DateTime now) =>
        _breakers.TryGetValue(instrument, out var b) && b.HaltedUntil is { } until && now < until
            ? $"circuit breaker on {instrument} tripped: trading halted until {until:yyyy-MM-dd HH:mm:ss} UTC"
            : null;

    /// <summary>Every instrument's breaker at <paramref name="now"/> (empty when the run has no circuit breaker limit).</summary>
    public IReadOnlyList<CircuitBreakerState> States(DateTime now) =>
        [.. _breakers.Values.Select(b => new CircuitBreakerState(b.Instrument, b.HaltedUntil is { } until && now < until ? until : null))];

    /// <summary>Resets the breakers whose cool-down has ended at <paramref name="now"/>, calling <paramref name="onReset"/> for each.</summary>
    public void ResetDue(DateTime now, Action<InstrumentId, DateTime> onReset)
    {
        if (now >= _nextReset)
        {
            ResetEnded(now, onReset);
        }
    }

    private void ResetEnded(DateTime now, Action<InstrumentId, DateTime> onReset)
    {
        _nextReset = DateTime.MaxValue;
        foreach (var breaker in _breakers.Values)
        {
            if (breaker.HaltedUntil is not { } until)
            {
                continue;
            }

            if (now >= until)
            {
                breaker.HaltedUntil = null;
                breaker.Window.Clear();
                onReset(breaker.Instrument, now);
            }
            else if (until < _nextReset)
            {
                _nextReset = until;
            }
        }
    }

    /// <summary>A trip of one breaker.</summary>
    internal readonly record struct Trip(InstrumentId Instrument, decimal Reference, decimal Price, decimal Move, DateTime ResumesAt, string Reason);

    private sealed class Breaker(InstrumentId instrument, PriceWindow window)
    {
        public InstrumentId Instrument { get; } = instrument;

        public PriceWindow Window { get; } = window;

        public DateTime? HaltedUntil { get; set; }
    }
}

/// <summary>One instrument's circuit breaker at one instant.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="HaltedUntil">When orders in it are accepted again (UTC, run time), or null when it trades.</param>
public sealed record CircuitBreakerState(InstrumentId Instrument, DateTime? HaltedUntil)
{
    /// <summary>True while the breaker holds orders back.</summary>
    public bool IsTripped => HaltedUntil is not null;
}
