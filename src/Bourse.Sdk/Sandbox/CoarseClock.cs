namespace Bourse.Sdk.Sandbox;

/// <summary>
/// <see cref="Environment.TickCount64"/> (milliseconds) as of its last refresh, every <see cref="RefreshMilliseconds"/>
/// ms by a timer. Reading it is a memory load, where the OS clock costs a call into the runtime and often a system call
/// (30 ns and more on a virtualised machine). A time read from it is late by up to the refresh period plus the timer's
/// scheduling delay (seconds on an overloaded machine), never early: subtract an exact start time from it to get a
/// duration that is never too long.
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
