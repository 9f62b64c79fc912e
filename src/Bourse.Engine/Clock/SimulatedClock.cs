namespace Bourse.Engine.Clock;

/// <summary>
/// A <see cref="TimeProvider"/> whose time moves only when told (<see cref="SetUtcNow(DateTime)"/>, <see cref="Advance"/>).
/// Used by backtests so that every time value the kernel sees comes from the data. Time never goes backwards.
/// The local time zone is UTC; <see cref="CreateTimer"/> is not supported (the kernel schedules its own timers).
/// </summary>
public sealed class SimulatedClock : TimeProvider
{
    private DateTime _utcNow; // kind Utc: a backtest moves the clock once per event, so it is kept in the form the kernel reads

    /// <param name="start">The initial time, UTC.</param>
    public SimulatedClock(DateTime start) => _utcNow = ToUtc(start);

    /// <summary>A clock starting at the Unix epoch.</summary>
    public SimulatedClock()
        : this(DateTime.UnixEpoch)
    {
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Ticks per second of <see cref="GetTimestamp"/> (100 ns ticks).</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(_utcNow);

    /// <summary>The simulated time in 100 ns ticks, so elapsed-time measurements follow the simulated clock.</summary>
    public override long GetTimestamp() => _utcNow.Ticks;

    /// <summary>Moves the clock to <paramref name="utcNow"/> (a UTC or unspecified-kind time taken as UTC; a local time is converted).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The time is before the current time.</exception>
    public void SetUtcNow(DateTime utcNow)
    {
        var utc = ToUtc(utcNow);
        if (utc < _utcNow)
        {
            throw new ArgumentOutOfRangeException(nameof(utcNow), utcNow, $"A simulated clock cannot go back in time (now {_utcNow:O}).");
        }

        _utcNow = utc;
    }

    /// <summary>Moves the clock to <paramref name="utcNow"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The time is before the current time.</exception>
    public void SetUtcNow(DateTimeOffset utcNow) => SetUtcNow(utcNow.UtcDateTime);

    /// <summary>Moves the clock forward by <paramref name="delta"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The delta is negative.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        _utcNow += delta;
    }

    /// <summary>Not supported: the kernel fires its timers itself on every bar and on <c>AdvanceTime</c>.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException("A simulated clock has no timers; the kernel schedules strategy timers itself.");

    private static DateTime ToUtc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
