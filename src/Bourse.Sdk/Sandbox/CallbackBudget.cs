using System.Runtime.CompilerServices;

namespace Bourse.Sdk.Sandbox;

/// <summary>
/// The time and allocation budget of the strategy callback running on the current thread. The engine arms it around
/// every callback; the server's sandbox compiler injects <see cref="Check"/> at every method entry, loop back-edge and
/// goto of an uploaded source strategy (and <see cref="Length{T}(int)"/> around array sizes), so a runaway callback
/// throws <see cref="CallbackBudgetExceededException"/> instead of spinning or allocating forever. Strategy code never
/// calls this class itself: the sandbox rejects source that names it.
/// </summary>
/// <remarks>
/// Once the budget is exceeded every further check throws until the engine disarms it, so a strategy that catches the
/// exception cannot carry on. Time is read from <see cref="Environment.TickCount64"/> (milliseconds), allocations from
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/>. Checks run even when no budget is armed to stop runaway recursion
/// before it overflows the thread's stack (which would end the process).
/// </remarks>
public static class CallbackBudget
{
    [ThreadStatic]
    private static long t_deadline;

    [ThreadStatic]
    private static long t_allocationLimit;

    [ThreadStatic]
    private static bool t_armed;

    [ThreadStatic]
    private static long t_timeMs;

    [ThreadStatic]
    private static long t_allocationBytes;

    /// <summary>Throws when the current callback has used up its time or allocation budget, or the stack is nearly exhausted.</summary>
    /// <exception cref="CallbackBudgetExceededException">A budget is exceeded.</exception>
    public static void Check()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new CallbackBudgetExceededException(CallbackBudgetKind.Stack, "the call stack is nearly exhausted (runaway recursion)");
        }

        if (!t_armed)
        {
            return;
        }

        if (Environment.TickCount64 > t_deadline)
        {
            throw TimeExceeded();
        }

        if (GC.GetAllocatedBytesForCurrentThread() > t_allocationLimit)
        {
            throw AllocationExceeded();
        }
    }

    /// <summary>Checks an array length before the array is allocated: refuses arrays larger than what is left of the allocation budget.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="length">The requested number of elements.</param>
    /// <returns><paramref name="length"/>.</returns>
    /// <exception cref="CallbackBudgetExceededException">The array would exceed the allocation budget.</exception>
    public static int Length<T>(int length)
    {
        Reserve<T>(length);
        return length;
    }

    /// <inheritdoc cref="Length{T}(int)"/>
    public static long Length<T>(long length)
    {
        Reserve<T>(length);
        return length;
    }

    /// <summary>Arms the budget for one callback on the current thread; dispose the scope when the callback returns.</summary>
    /// <param name="time">Wall time the callback may take.</param>
    /// <param name="allocationBytes">Bytes the callback may allocate on this thread.</param>
    internal static Scope Enter(TimeSpan time, long allocationBytes)
    {
        var previous = new Saved(t_armed, t_deadline, t_allocationLimit, t_timeMs, t_allocationBytes);
        var started = Environment.TickCount64;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        t_timeMs = (long)Math.Ceiling(time.TotalMilliseconds);
        t_allocationBytes = allocationBytes;
        t_deadline = started + t_timeMs;
        t_allocationLimit = allocated > long.MaxValue - allocationBytes ? long.MaxValue : allocated + allocationBytes;
        t_armed = true;
        return new Scope(previous, started, allocated);
    }

    private static void Reserve<T>(long length)
    {
        Check();
        if (t_armed && length > 0)
        {
            var left = t_allocationLimit - GC.GetAllocatedBytesForCurrentThread();
            var size = Unsafe.SizeOf<T>();
            if (length > left / size)
            {
                throw new CallbackBudgetExceededException(
                    CallbackBudgetKind.Allocation,
                    $"an array of {length} elements of {size} bytes exceeds what is left of the allocation budget of {t_allocationBytes} bytes");
            }
        }
    }

    private static CallbackBudgetExceededException TimeExceeded() =>
        new(CallbackBudgetKind.Time, $"the callback ran longer than its time budget of {t_timeMs} ms");

    private static CallbackBudgetExceededException AllocationExceeded() =>
        new(CallbackBudgetKind.Allocation, $"the callback allocated more than its allocation budget of {t_allocationBytes} bytes");

    internal readonly record struct Saved(bool Armed, long Deadline, long AllocationLimit, long TimeMs, long AllocationBytes);

    /// <summary>One armed callback; <see cref="Exit"/> disarms it (restoring an enclosing budget) and says whether it was exceeded.</summary>
    internal readonly struct Scope
    {
        private readonly Saved _previous;
        private readonly long _started;
        private readonly long _allocated;

        internal Scope(Saved previous, long started, long allocated)
        {
            _previous = previous;
            _started = started;
            _allocated = allocated;
        }

        /// <summary>
        /// Disarms the budget and measures the callback: returns the overrun (time or allocations beyond the budget, also
        /// for code without injected checks, e.g. an uploaded binary), or null when it stayed within budget.
        /// </summary>
        internal CallbackBudgetExceededException? Exit()
        {
            var elapsed = Environment.TickCount64 - _started;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - _allocated;
            var timeMs = t_timeMs;
            var allocationBytes = t_allocationBytes;
            t_armed = _previous.Armed;
            t_deadline = _previous.Deadline;
            t_allocationLimit = _previous.AllocationLimit;
            t_timeMs = _previous.TimeMs;
            t_allocationBytes = _previous.AllocationBytes;
            if (elapsed > timeMs)
            {
                return new CallbackBudgetExceededException(
                    CallbackBudgetKind.Time, $"the callback ran for {elapsed} ms, longer than its time budget of {timeMs} ms");
            }

            return allocated > allocationBytes
                ? new CallbackBudgetExceededException(
                    CallbackBudgetKind.Allocation, $"the callback allocated {allocated} bytes, more than its allocation budget of {allocationBytes} bytes")
                : null;
        }
    }
}
