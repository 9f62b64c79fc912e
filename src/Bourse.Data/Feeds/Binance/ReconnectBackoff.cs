namespace Bourse.Data.Feeds.Binance;

/// <summary>
/// Exponential backoff between reconnection attempts: <c>initial × 2^failures</c>, capped at <c>max</c>, back to
/// <c>initial</c> after <see cref="Reset"/> (a connection that worked). No jitter: one process holds one connection.
/// Not thread-safe (one connection loop uses it).
/// </summary>
/// <param name="initial">The first wait (&gt; 0).</param>
/// <param name="max">The longest wait (≥ <paramref name="initial"/>).</param>
public sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max)
{
    private readonly TimeSpan _initial = initial > TimeSpan.Zero ? initial : throw new ArgumentOutOfRangeException(nameof(initial), initial, "The first reconnection delay must be positive.");
    private readonly TimeSpan _max = max >= initial ? max : throw new ArgumentOutOfRangeException(nameof(max), max, "The longest reconnection delay must not be below the first one.");
    private int _failures;

    /// <summary>The wait before the next attempt; each call doubles the following one up to the cap.</summary>
    public TimeSpan Next()
    {
        var factor = Math.Pow(2, Math.Min(_failures, 30));
        _failures++;
        var ticks = Math.Min(_max.Ticks, _initial.Ticks * factor);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Starts again from the first wait.</summary>
    public void Reset() => _failures = 0;
}
