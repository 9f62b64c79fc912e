using Bourse.Sdk.Sandbox;
using Bourse.Sdk.Strategies;

namespace Bourse.Plugins.Tests;

/// <summary>The budget probes the sandbox compiler injects stop runaway source strategies from inside their own code.</summary>
public sealed class BudgetProbeTests
{
    private static Strategy Compile(string onStart) =>
        StrategyPlugin.Load(Sources.CompileOrFail($$"""
            [Strategy("Runaway")]
            public sealed class Runaway : Strategy
            {
                private int _size = 500_000_000;

                public override void OnStart()
                {
                    {{onStart}}
                }

                private int Deep(int n) => Deep(n + 1) + 1;

                private int Size => _size;
            }
            """)).CreateInstance();

    private static CallbackBudgetExceededException RunUnderBudget(Strategy strategy, long allocationBytes = 1L << 40, int milliseconds = 100)
    {
        var budget = CallbackBudget.Enter(TimeSpan.FromMilliseconds(milliseconds), allocationBytes);
        try
        {
            return Assert.Throws<CallbackBudgetExceededException>(strategy.OnStart);
        }
        finally
        {
            budget.Exit();
        }
    }

    [Theory]
    [InlineData("while (true) { }")]
    [InlineData("for (var i = 0; ; i++) { }")]
    [InlineData("top: goto top;")]
    [InlineData("while (true) { try { while (true) { } } catch (Exception) { } }")]
    [InlineData("var n = Enumerable.Range(0, int.MaxValue).Select(i => i * 2).Count(); Log(n.ToString());")]
    public void An_endless_callback_throws_at_its_time_budget(string body)
    {
        var error = RunUnderBudget(Compile(body));

        Assert.Equal(CallbackBudgetKind.Time, error.Kind);
        Assert.Contains("time budget of 100 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_array_is_refused_before_it_is_allocated()
    {
        var strategy = Compile("var huge = new long[Size]; Log(huge.Length.ToString());");
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = RunUnderBudget(strategy, allocationBytes: 64L << 20, milliseconds: 60_000);

        Assert.Equal(CallbackBudgetKind.Allocation, error.Kind);
        Assert.Contains("500000000 elements of 8 bytes", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1L << 20, "the array must not have been allocated");
    }

    [Fact]
    public void Allocating_in_a_loop_throws_at_the_allocation_budget()
    {
        var error = RunUnderBudget(Compile("var kept = new List<byte[]>(); while (true) { kept.Add(new byte[4096]); }"), allocationBytes: 8L << 20, milliseconds: 60_000);

        Assert.Equal(CallbackBudgetKind.Allocation, error.Kind);
    }

    [Fact]
    public void Runaway_recursion_throws_before_the_stack_overflows_even_without_a_budget()
    {
        var strategy = Compile("Log(Deep(0).ToString());");

        var error = Assert.Throws<CallbackBudgetExceededException>(strategy.OnStart);

        Assert.Equal(CallbackBudgetKind.Stack, error.Kind);
    }

    [Fact]
    public void A_nested_callback_has_its_own_budget_and_the_enclosing_one_is_enforced_again_after_it()
    {
        CallbackBudgetExceededException? innerOverrun, outerOverrun, outerCheck;
        var outer = CallbackBudget.Enter(TimeSpan.FromMinutes(1), 64 * 1024);
        try
        {
            var inner = CallbackBudget.Enter(TimeSpan.FromMinutes(1), 1024);
            GC.KeepAlive(new byte[4096]);
            innerOverrun = inner.Exit();
            CallbackBudget.Check(); // the enclosing callback has used ~4 KB of its 64 KB
            GC.KeepAlive(new byte[128 * 1024]);
            outerCheck = Assert.Throws<CallbackBudgetExceededException>(CallbackBudget.Check);
        }
        finally
        {
            outerOverrun = outer.Exit();
        }

        Assert.Equal(CallbackBudgetKind.Allocation, innerOverrun?.Kind);
        Assert.Contains("allocation budget of 1024 bytes", innerOverrun!.Message, StringComparison.Ordinal);
        Assert.Contains("allocation budget of 65536 bytes", outerCheck.Message, StringComparison.Ordinal);
        Assert.Equal(CallbackBudgetKind.Allocation, outerOverrun?.Kind);
        CallbackBudget.Check(); // every budget disarmed: nothing left to exceed
    }

    [Fact]
    public void A_compiled_strategy_is_marked_as_carrying_probes_and_a_built_in_one_is_not()
    {
        Assert.True(Compile("Log(\"x\");").GetType().Assembly.IsDefined(typeof(BudgetProbesAttribute), inherit: false));
        Assert.False(typeof(Strategy).Assembly.IsDefined(typeof(BudgetProbesAttribute), inherit: false));
    }

    [Fact]
    public void A_measured_callback_is_held_to_its_budget_when_it_returns_without_arming_the_thread()
    {
        var measured = CallbackBudget.Measure(60_000, 1024);
        GC.KeepAlive(new byte[4096]);
        CallbackBudget.Check(); // nothing armed on the thread: code without probes never reads it
        var overrun = measured.Exit();

        Assert.Equal(CallbackBudgetKind.Allocation, overrun?.Kind);
        Assert.Contains("allocation budget of 1024 bytes", overrun!.Message, StringComparison.Ordinal);
        Assert.Null(CallbackBudget.Measure(60_000, 1024).Exit());
    }

    [Fact]
    public void A_measured_callback_inside_an_armed_one_leaves_the_enclosing_budget_armed()
    {
        CallbackBudgetExceededException outerCheck;
        var outer = CallbackBudget.Enter(TimeSpan.FromMinutes(1), 64 * 1024);
        try
        {
            Assert.Null(CallbackBudget.Measure(60_000, 64 * 1024).Exit());
            GC.KeepAlive(new byte[128 * 1024]);
            outerCheck = Assert.Throws<CallbackBudgetExceededException>(CallbackBudget.Check);
        }
        finally
        {
            outer.Exit();
        }

        Assert.Contains("allocation budget of 65536 bytes", outerCheck.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_budget_counts_started_milliseconds()
    {
        var budget = CallbackBudget.Enter(TimeSpan.FromTicks(15_000), 1L << 40); // 1.5 ms
        var started = CoarseClock.Sequence; // at or after the budget's start
        Assert.True(SpinWait.SpinUntil(() => CoarseClock.ElapsedSince(started) >= 3, TimeSpan.FromSeconds(30)), "the coarse clock did not move");

        var overrun = budget.Exit();

        Assert.Equal(CallbackBudgetKind.Time, overrun?.Kind);
        Assert.EndsWith("longer than its time budget of 2 ms", overrun!.Message, StringComparison.Ordinal);
    }
}
