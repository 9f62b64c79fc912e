namespace Bourse.Sdk.Sandbox;

/// <summary>
/// <see cref="Environment.TickCount64"/> (milliseconds) as of its last refresh, every <see cref="RefreshMilliseconds"/>
/// ms by a timer. Reading it is a memory load, where the OS clock costs a call into the runtime and often a system call
/// (30 ns and more on a virtualised machine), so every strategy callback can be timed for free. A time taken with it is
/// late by up to the refresh period plus the timer's scheduling delay: ample for budgets of a second.
/// </summary>
internal static class CoarseClock
{
    /// <summary>How often the clock is refreshed.</summary>
    public const int RefreshMilliseconds = 10;

    private static long s_nowMilliseconds = Environment.TickCount64;

    // Held in a static field so the timer lives as long as the process.
    private static readonly Timer Refresher = new(
        static _ => Volatile.Write(ref s_nowMilliseconds, Environment.TickCount64), null, RefreshMilliseconds, RefreshMilliseconds);

    /// <summary>Milliseconds since the system started, at most a refresh period (plus scheduling delay) old.</summary>
    public static long NowMilliseconds => Volatile.Read(ref s_nowMilliseconds);
}
