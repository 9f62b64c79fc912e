using Bourse.Engine.Calendars;
using Bourse.Engine.Risk;
using Bourse.Engine.Runs;

namespace Bourse.Engine.Tests.Risk;

/// <summary>The daily loss limit and max drawdown boundaries, each breach once per trading day, in either order.</summary>
public class LossLimitsTests
{
    private static readonly DateTime Monday = new(2013, 10, 7, 14, 0, 0, DateTimeKind.Utc); // 10:00 New York
    private static readonly RiskSettings Both = new(DailyLossLimit: 1_000m) { MaxDrawdownPct = 0.05m };

    [Fact]
    public void A_new_peak_raises_the_drawdown_floor()
    {
        var limits = new LossLimits(Both, TradingCalendars.UsEquities);
        limits.StartDay(Monday, 10_000m);

        Assert.Null(limits.Observe(10_500m, "USD")); // a new peak: the drawdown floor rises to 10,500 − 525 = 9,975
        Assert.Null(limits.Observe(9_975.01m, "USD"));
        Assert.Equal(LimitBreachAction.Halt, limits.Observe(9_975m, "USD")?.Action);
        Assert.Equal(10_500m, limits.PeakEquity);
    }

    [Fact]
    public void Each_floor_is_exact_and_watched_until_breached()
    {
        var limits = new LossLimits(Both, TradingCalendars.UsEquities);
        limits.StartDay(Monday, 10_000m); // loss floor 9,000; drawdown floor 10,000 − 500 = 9,500

        Assert.Null(limits.Observe(9_500.01m, "USD"));
        var drawdown = limits.Observe(9_500m, "USD"); // exactly 5 % below the peak
        Assert.Equal(LimitBreachAction.Halt, drawdown?.Action);
        Assert.True(limits.DrawdownBreached);
        Assert.Null(limits.Observe(9_400m, "USD")); // reported once a day

        Assert.Null(limits.Observe(9_000.01m, "USD"));
        var loss = limits.Observe(9_000m, "USD"); // a loss of exactly the limit
        Assert.Equal(LimitBreachAction.Reduce, loss?.Action);
        Assert.Contains("daily loss limit 1000 USD", loss?.Reason, StringComparison.Ordinal);
        Assert.Null(limits.Observe(8_000m, "USD"));

        limits.StartDay(Monday.AddDays(1), 8_000m); // the next day watches both again, from the new reference
        Assert.False(limits.DailyLossBreached || limits.DrawdownBreached);
        Assert.Equal(LimitBreachAction.Halt, limits.Observe(7_600m, "USD")?.Action); // 5 % below 8,000
        Assert.Equal(LimitBreachAction.Reduce, limits.Observe(7_000m, "USD")?.Action);
    }
}
