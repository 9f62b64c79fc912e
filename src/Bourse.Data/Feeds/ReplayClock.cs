namespace Bourse.Data.Feeds;

/// <summary>
/// The market clock of a replay: UTC time that starts at <see cref="Start"/> when the wall clock reads
/// <see cref="WallStart"/> and runs <see cref="Speed"/> times as fast as the wall clock. Timers and delays created on it
/// (<c>Task.Delay(TimeSpan.FromMinutes(1), clock)</c>) last one market minute, i.e. one wall minute ÷ speed.
/// Thread-safe (immutable).
/// </summary>
public sealed class ReplayClock : TimeProvider
{
    private readonly TimeProvider wallClock;

    /// <summary>Creates a clock that reads <paramref name="start"/> when <paramref name="wallClock"/> reads <paramref name="wallStart"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Speed is not a positive finite number.</exception>
    public ReplayClock(TimeProvider wallClock, DateTimeOffset wallStart, DateTimeOffset start, double speed)
    {
        ArgumentNullException.ThrowIfNull(wallClock);
        if (!double.IsFinite(speed) || speed <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The replay speed must be a positive finite number.");
        }

        this.wallClock = wallClock;
        WallStart = wallStart.ToUniversalTime();
        Start = start.ToUniversalTime();
        Speed = speed;
    }

    /// <summary>The market time at <see cref="WallStart"/>.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The wall time at which the market clock read <see cref="Start"/>.</summary>
    public DateTimeOffset WallStart { get; }

    /// <summary>Market time per wall time.</summary>
    public double Speed { get; }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => MarketTimeAt(wallClock.GetUtcNow());

    /// <inheritdoc />
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>The market time when the wall clock reads <paramref name="wallTime"/>.</summary>
    public DateTimeOffset MarketTimeAt(DateTimeOffset wallTime)
    {
        var elapsed = (wallTime - WallStart).Ticks * Speed;
        var max = (double)(DateTimeOffset.MaxValue.UtcTicks - Start.UtcTicks);
        var min = (double)(DateTimeOffset.MinValue.UtcTicks - Start.UtcTicks);
        return Start.AddTicks((long)Math.Floor(Math.Clamp(elapsed, min, max - 1)));
    }

    /// <summary>The earliest wall time at which this clock reads <paramref name="marketTime"/> or later.</summary>
    public DateTimeOffset WallTimeAt(DateTimeOffset marketTime)
    {
        var wall = WallStart.AddTicks((long)Math.Ceiling((marketTime - Start).Ticks / Speed));
        while (MarketTimeAt(wall) < marketTime)
        {
            wall = wall.AddTicks(1);
        }

        return wall;
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        wallClock.CreateTimer(callback, state, ToWall(dueTime), ToWall(period));

    private TimeSpan ToWall(TimeSpan market) =>
        market == Timeout.InfiniteTimeSpan || market <= TimeSpan.Zero ? market : TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(market.Ticks / Speed)));
}
