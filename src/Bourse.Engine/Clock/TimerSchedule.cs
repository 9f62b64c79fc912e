using System.Diagnostics.CodeAnalysis;
using Bourse.Sdk.Strategies;

namespace Bourse.Engine.Clock;

/// <summary>
/// The repeating strategy timers of one run, on the run's clock. A timer set at time t with interval i is first
/// due at t + i. When the clock jumps over several due times (a data gap), the timer fires ONCE, stamped with the
/// latest due time not after now, and the next due time is the one after that (missed ticks are coalesced, so a
/// week-end gap does not replay thousands of callbacks). Due timers fire in (due time, name ordinal) order.
/// </summary>
internal sealed class TimerSchedule
{
    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    /// <exception cref="ArgumentOutOfRangeException">The interval is not positive.</exception>
    public void Set(string name, TimeSpan interval, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Cancel(name);
        _entries.Add(new Entry(name, interval, now + interval));
    }

    public void Cancel(string name) => _entries.RemoveAll(e => string.Equals(e.Name, name, StringComparison.Ordinal));

    /// <summary>Takes the earliest timer due at <paramref name="now"/>, reschedules it and returns its event.</summary>
    public bool TryTakeDue(DateTime now, [NotNullWhen(true)] out TimerEvent? timer)
    {
        timer = null;
        Entry? best = null;
        foreach (var e in _entries)
        {
            if (e.NextDue <= now && (best is null || e.NextDue < best.NextDue
                || (e.NextDue == best.NextDue && string.CompareOrdinal(e.Name, best.Name) < 0)))
            {
                best = e;
            }
        }

        if (best is null)
        {
            return false;
        }

        var missed = (now - best.NextDue).Ticks / best.Interval.Ticks;
        var fireTime = best.NextDue + TimeSpan.FromTicks(missed * best.Interval.Ticks);
        best.NextDue = fireTime + best.Interval;
        timer = new TimerEvent(best.Name, fireTime);
        return true;
    }

    private sealed class Entry(string name, TimeSpan interval, DateTime nextDue)
    {
        public string Name { get; } = name;

        public TimeSpan Interval { get; } = interval;

        public DateTime NextDue { get; set; } = nextDue;
    }
}
