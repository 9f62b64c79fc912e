namespace Bourse.Sdk.Sandbox;

/// <summary>
/// A clock refreshed every <see cref="RefreshMilliseconds"/> ms by a timer, for timing strategy callbacks without reading
/// the OS clock (a call into the runtime and often a system call, 30 ns and more on a virtualised machine) at every
/// callback. Each refresh stores <see cref="Environment.TickCount64"/> (milliseconds) under the next
/// <see cref="Sequence"/> number. A callback notes the sequence number when it starts (a memory load) and
/// <see cref="ElapsedSince"/> turns it into milliseconds that surely passed since then: the time between the first refresh
/// after the start and the latest one. That figure is never too long, however late the timer runs on an overloaded
/// machine (late refreshes only make it shorter), and is short of the true duration by at most a refresh period plus the
/// timer's scheduling delay.
/// </summary>
internal static class CoarseClock
{
    /// <summary>How often the clock is refreshed.</summary>
    public const int RefreshMilliseconds = 10;

    private const int Remembered = 64; // refreshes kept, a power of two

    private static readonly long[] Refreshes = new long[Remembered];
    private static readonly Lock RefreshLock = new();
    private static long s_sequence;

    // Held in a static field so the timer lives as long as the process.
    private static readonly Timer Refresher = new(static _ => Refresh(), null, RefreshMilliseconds, RefreshMilliseconds);

    /// <summary>The number of the latest refresh (0 before the first): read it when a timed piece of work starts.</summary>
    public static long Sequence => Volatile.Read(ref s_sequence);

    /// <summary>
    /// Milliseconds that surely passed since <see cref="Sequence"/> read <paramref name="start"/>: 0 while no refresh
    /// happened since, else the latest refresh's time minus the first later refresh's (or the oldest one remembered).
    /// </summary>
    public static long ElapsedSince(long start)
    {
        var latest = Sequence;
        if (latest <= start)
        {
            return 0;
        }

        var first = Math.Max(start + 1, latest - Remembered + 1);
        var elapsed = Volatile.Read(ref Refreshes[latest & (Remembered - 1)]) - Volatile.Read(ref Refreshes[first & (Remembered - 1)]);
        return Math.Max(elapsed, 0); // a slot overwritten meanwhile by a newer refresh only shortens the figure
    }

    private static void Refresh()
    {
        lock (RefreshLock)
        {
            var next = s_sequence + 1;
            Volatile.Write(ref Refreshes[next & (Remembered - 1)], Environment.TickCount64);
            Volatile.Write(ref s_sequence, next);
        }
    }
}
