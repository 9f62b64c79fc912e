using System.Runtime.CompilerServices;

namespace Bourse.Sdk.Sandbox;

/// <summary>
/// The time and allocation budget of the strategy callback running on the current thread. The server's sandbox compiler
/// injects <see cref="Check"/> at every method entry, loop back-edge and goto of an uploaded source strategy (and
/// <see cref="Length{T}(int)"/> around array sizes) and marks its assembly with <see cref="BudgetProbesAttribute"/>; the
/// engine arms the budget on the thread around every callback of such a strategy (<see cref="Enter"/>), so a runaway
/// callback throws <see cref="CallbackBudgetExceededException"/> instead of spinning or allocating forever. Callbacks of
/// other strategies are measured against the same budget when they return (<see cref="Measure"/>). Strategy code never
/// calls this class itself: the sandbox rejects source that names it.
/// </summary>
/// <remarks>
/// Once the budget is exceeded every further check throws until the engine disarms it, so a strategy that catches the
/// exception cannot carry on. A callback's time is measured with <see cref="CoarseClock"/> (no OS clock read per callback):
/// a callback is never timed longer than it ran, and at most the coarse clock's refresh period and lag shorter (about
/// 10 ms, more when the machine is overloaded). Allocations from
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/>. Checks run even when no budget is armed to stop runaway recursion
/// before it overflows the thread's stack (which would end the process).
/// </remarks>
public static class CallbackBudget
{
    /// <summary>The budget of the current thread's innermost callback: one thread-static reference, so arming and checking read thread-local storage once.</summary>
    [ThreadStatic]
    private static Budget? t_budget;

    /// <summary>Throws when the current callback has used up its time or allocation budget, or the stack is nearly exhausted.</summary>
    /// <exception cref="CallbackBudgetExceededException">A budget is exceeded.</exception>
    public static void Check()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new CallbackBudgetExceededException(CallbackBudgetKind.Stack, "the call stack is nearly exhausted (runaway recursion)");
        }

        var budget = t_budget;
        if (budget is null || !budget.Armed)
        {
            return;
        }

        if (CoarseClock.ElapsedSince(budget.StartSequence) > budget.TimeMs)
        {
            throw TimeExceeded(budget);
        }

        if (GC.GetAllocatedBytesForCurrentThread() > budget.AllocationLimit)
        {
            throw AllocationExceeded(budget);
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

    /// <summary>
    /// Arms the budget for one callback on the current thread; call the scope's <see cref="Scope.Exit"/> on the same thread
    /// when the callback returns (nested scopes exit innermost first, as calls return).
    /// </summary>
    /// <param name="time">Wall time the callback may take (positive; counted in whole milliseconds, rounded up).</param>
    /// <param name="allocationBytes">Bytes the callback may allocate on this thread.</param>
    [MethodImpl(MethodImplOptions.NoInlining)] // out of the engine's callback path, which measures unprobed strategies without it
    internal static Scope Enter(TimeSpan time, long allocationBytes)
    {
        var current = t_budget ??= new Budget(null);
        var budget = current;
        if (current.Armed)
        {
            budget = current.Inner ??= new Budget(current); // a callback inside a callback: its own budget, the enclosing one kept as it is
            t_budget = budget;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        budget.TimeMs = WholeMilliseconds(time);
        budget.AllocationBytes = allocationBytes;
        budget.StartSequence = CoarseClock.Sequence;
        budget.AllocationLimit = allocated > long.MaxValue - allocationBytes ? long.MaxValue : allocated + allocationBytes;
        budget.Armed = true;
        return new Scope(budget, budget.TimeMs, allocationBytes, budget.StartSequence, allocated);
    }

    /// <summary>
    /// Measures one callback of code without probes (its assembly has no <see cref="BudgetProbesAttribute"/>) against the
    /// same budget as <see cref="Enter"/>, when it returns: nothing is published on the thread, since nothing in that code
    /// reads it. <see cref="Check"/> during the callback sees the enclosing callback's budget, if any, as before it.
    /// </summary>
    /// <param name="timeMs">Wall time the callback may take, whole milliseconds (<see cref="WholeMilliseconds"/> of the budget).</param>
    /// <param name="allocationBytes">Bytes the callback may allocate on this thread.</param>
    internal static Scope Measure(long timeMs, long allocationBytes) =>
        new(null, timeMs, allocationBytes, CoarseClock.Sequence, GC.GetAllocatedBytesForCurrentThread());

    /// <summary>A time budget in the whole milliseconds the coarse clock counts, rounded up.</summary>
    internal static long WholeMilliseconds(TimeSpan time) =>
        (time.Ticks / TimeSpan.TicksPerMillisecond) + (time.Ticks % TimeSpan.TicksPerMillisecond > 0 ? 1 : 0);

    private static void Reserve<T>(long length)
    {
        Check();
        if (t_budget is { Armed: true } budget && length > 0)
        {
            var left = budget.AllocationLimit - GC.GetAllocatedBytesForCurrentThread();
            var size = Unsafe.SizeOf<T>();
            if (length > left / size)
            {
                throw new CallbackBudgetExceededException(
                    CallbackBudgetKind.Allocation,
                    $"an array of {length} elements of {size} bytes exceeds what is left of the allocation budget of {budget.AllocationBytes} bytes");
            }
        }
    }

    private static CallbackBudgetExceededException TimeExceeded(Budget budget) =>
        new(CallbackBudgetKind.Time, $"the callback ran longer than its time budget of {budget.TimeMs} ms");

    private static CallbackBudgetExceededException AllocationExceeded(Budget budget) =>
        new(CallbackBudgetKind.Allocation, $"the callback allocated more than its allocation budget of {budget.AllocationBytes} bytes");

    /// <summary>
    /// The budget of one callback on one thread. A callback entered while another is armed (a nested callback) gets the
    /// <see cref="Inner"/> budget, which becomes the thread's current one until it exits; the enclosing budget is left as it is.
    /// </summary>
    internal sealed class Budget(Budget? outer)
    {
        /// <summary>The enclosing callback's budget (null for the thread's outermost one).</summary>
        public Budget? Outer { get; } = outer;

        /// <summary>The budget of a callback nested in this one, created at the first nesting and reused.</summary>
        public Budget? Inner { get; set; }

        public bool Armed { get; set; }

        /// <summary>The <see cref="CoarseClock.Sequence"/> when the callback started.</summary>
        public long StartSequence { get; set; }

        /// <summary>GC.GetAllocatedBytesForCurrentThread above which the callback is over its allocations.</summary>
        public long AllocationLimit { get; set; }

        public long TimeMs { get; set; }

        public long AllocationBytes { get; set; }
    }

    /// <summary>
    /// One measured callback: <see cref="Exit"/> says whether it went over its budget and, when it was armed on the thread
    /// (<see cref="Enter"/>), disarms it (the enclosing callback's budget is current again).
    /// </summary>
    internal readonly struct Scope
    {
        private readonly Budget? _budget;
        private readonly long _timeMs;
        private readonly long _allocationBytes;
        private readonly long _startSequence;
        private readonly long _allocated;

        internal Scope(Budget? budget, long timeMs, long allocationBytes, long startSequence, long allocated)
        {
            _budget = budget;
            _timeMs = timeMs;
            _allocationBytes = allocationBytes;
            _startSequence = startSequence;
            _allocated = allocated;
        }

        /// <summary>
        /// Disarms the budget and measures the callback: returns the overrun (time or allocations beyond the budget, also
        /// for code without injected checks, e.g. an uploaded binary), or null when it stayed within budget.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per callback: the within-budget path is a few comparisons
        internal CallbackBudgetExceededException? Exit()
        {
            var elapsed = CoarseClock.ElapsedSince(_startSequence);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - _allocated;
            if (_budget is { } budget)
            {
                budget.Armed = false;
                if (budget.Outer is { } outer)
                {
                    t_budget = outer;
                }
            }

            return elapsed > _timeMs || allocated > _allocationBytes ? Overrun(_timeMs, _allocationBytes, elapsed, allocated) : null;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static CallbackBudgetExceededException Overrun(long timeMs, long allocationBytes, long elapsed, long allocated) =>
            elapsed > timeMs
                ? new(CallbackBudgetKind.Time, $"the callback ran for {elapsed} ms, longer than its time budget of {timeMs} ms")
                : new(CallbackBudgetKind.Allocation, $"the callback allocated {allocated} bytes, more than its allocation budget of {allocationBytes} bytes");
    }
}
