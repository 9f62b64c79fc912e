using Bourse.Engine.Backtesting;
using Bourse.Engine.Statistics;

namespace Bourse.Engine.Tests.Statistics;

/// <summary>
/// The formulas against values worked out by hand. The series 100, 110, 99, 108.9 (one point a day) has returns
/// +10 %, −10 %, +10 %: mean 1/30, sample variance 1/75, downside deviation √(0.01 / 3) = √(1/300).
/// </summary>
public class PerformanceMathTests
{
    private static readonly DateTime Day = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Six periods a year, so three returns are half a year.</summary>
    private const double SixPerYear = 6d;

    private static EquityPoint[] Curve(params decimal[] equity) => [.. equity.Select((e, i) => new EquityPoint(Day.AddDays(i), e))];

    private static readonly EquityPoint[] UpDownUp = Curve(100m, 110m, 99m, 108.9m);

    [Fact]
    public void Returns_are_simple_returns_of_consecutive_points()
    {
        var r = PerformanceMath.Returns(UpDownUp);
        Assert.Equal([0.1, -0.1, 0.1], r.Select(x => Math.Round(x, 12)));
        Assert.Empty(PerformanceMath.Returns(Curve(100m)));
        Assert.Equal([0d, 0.2], PerformanceMath.Returns(Curve(0m, 5m, 6m)).Select(x => Math.Round(x, 12))); // after a zero equity: 0
    }

    [Fact]
    public void Sharpe_is_mean_over_sample_deviation_times_root_periods()
    {
        // mean/sd = (1/30) / √(1/75) = √75 / 30; × √6 = √450 / 30 = √0.5.
        Assert.Equal(Math.Sqrt(0.5), PerformanceMath.SharpeRatio(PerformanceMath.Returns(UpDownUp), SixPerYear)!.Value, 12);
        // √252 for daily equity bars: √(75 × 252) / 30 = √21.
        Assert.Equal(Math.Sqrt(21), PerformanceMath.SharpeRatio(PerformanceMath.Returns(UpDownUp), 252)!.Value, 12);
        Assert.Null(PerformanceMath.SharpeRatio(PerformanceMath.Returns(Curve(100m, 110m)), 252));
        Assert.Null(PerformanceMath.SharpeRatio(PerformanceMath.Returns(Curve(100m, 100m, 100m, 100m)), 252));
    }

    [Fact]
    public void Sortino_divides_by_the_downside_deviation_over_all_returns()
    {
        // Downside deviation = √((−0.1)² / 3) = √(1/300); mean / dd = √300 / 30; × √6 = √1800 / 30 = √2.
        Assert.Equal(Math.Sqrt(2), PerformanceMath.SortinoRatio(PerformanceMath.Returns(UpDownUp), SixPerYear)!.Value, 12);
        Assert.Null(PerformanceMath.SortinoRatio(PerformanceMath.Returns(Curve(100m, 101m, 102m)), SixPerYear));
    }

    [Fact]
    public void Volatility_is_the_sample_deviation_annualised()
    {
        // √(1/75) × √6 = √0.08.
        Assert.Equal(Math.Sqrt(0.08), PerformanceMath.AnnualizedVolatility(PerformanceMath.Returns(UpDownUp), SixPerYear), 12);
        Assert.Equal(0d, PerformanceMath.AnnualizedVolatility([0.1], SixPerYear));
    }

    [Fact]
    public void Cagr_compounds_the_total_return_over_the_years_the_periods_make()
    {
        // 8.9 % over 3 periods of a 6-period year = half a year: 1.089² − 1.
        Assert.Equal(0.185921, PerformanceMath.Cagr(0.089m, 3, SixPerYear)!.Value, 12);
        Assert.Equal(0.1, PerformanceMath.Cagr(0.21m, 12, SixPerYear)!.Value, 12); // 1.21 over two years
        Assert.Equal(-1d, PerformanceMath.Cagr(-1.5m, 3, SixPerYear));
        Assert.Null(PerformanceMath.Cagr(0.1m, 0, SixPerYear));
        Assert.Null(PerformanceMath.Cagr(10m, 1, 98_280)); // 11^98280 overflows
    }

    [Fact]
    public void Max_drawdown_is_the_largest_fall_from_a_running_peak()
    {
        Assert.Equal(40m / 120m, PerformanceMath.MaxDrawdown(Curve(100m, 120m, 90m, 110m, 80m, 130m)));
        Assert.Equal(0.1m, PerformanceMath.MaxDrawdown(UpDownUp));
        Assert.Equal(0m, PerformanceMath.MaxDrawdown(Curve(100m, 101m, 102m)));
        Assert.Equal(0m, PerformanceMath.MaxDrawdown([]));
        Assert.Equal([0m, 0m, 0.25m, 0m, 0.5m], PerformanceMath.Drawdowns(Curve(100m, 120m, 90m, 120m, 60m)));
    }

    [Fact]
    public void Drawdown_duration_runs_from_a_peak_to_its_recovery_or_the_end()
    {
        // Peak day 1 (120), recovered day 4 (125): 3 days. Peak day 4, still below at day 6: 2 days.
        Assert.Equal(TimeSpan.FromDays(3), PerformanceMath.MaxDrawdownDuration(Curve(100m, 120m, 90m, 110m, 125m, 124m, 100m)));
        // Never recovered from day 1 to the last point (day 3): 2 days, though the deepest fall is day 2.
        Assert.Equal(TimeSpan.FromDays(2), PerformanceMath.MaxDrawdownDuration(UpDownUp));
        Assert.Equal(TimeSpan.Zero, PerformanceMath.MaxDrawdownDuration(Curve(100m, 100m, 101m)));
    }

    [Fact]
    public void Calmar_is_cagr_over_max_drawdown()
    {
        Assert.Equal(1.85921, PerformanceMath.CalmarRatio(0.185921, 0.1m)!.Value, 12);
        Assert.Null(PerformanceMath.CalmarRatio(0.2, 0m));
        Assert.Null(PerformanceMath.CalmarRatio(null, 0.1m));
    }

    [Fact]
    public void Compute_assembles_every_figure_over_the_series()
    {
        var trades = new ClosedTrades().Add(30m).Add(-10m);
        var p = PerformanceStatistics.Compute(UpDownUp, inMarketSamples: 2, trades, tradedNotional: 208.9m, SixPerYear);
        Assert.Equal(0.089m, p.TotalReturn);
        Assert.Equal(0.185921, p.Cagr!.Value, 12);
        Assert.Equal(Math.Sqrt(0.08), p.AnnualizedVolatility, 12);
        Assert.Equal(Math.Sqrt(0.5), p.SharpeRatio!.Value, 12);
        Assert.Equal(Math.Sqrt(2), p.SortinoRatio!.Value, 12);
        Assert.Equal(1.85921, p.CalmarRatio!.Value, 12);
        Assert.Equal((0.1m, TimeSpan.FromDays(2)), (p.MaxDrawdown, p.MaxDrawdownDuration));
        Assert.Equal((0.5, 3d, 10m, 30m, -10m), (p.WinRate, p.ProfitFactor, p.Expectancy, p.AverageWin, p.AverageLoss));
        Assert.Equal(2d / 3d, p.Exposure, 12);
        Assert.Equal(208.9 / 104.475, p.Turnover, 12); // mean equity (100 + 110 + 99 + 108.9) / 4
        Assert.Equal(SixPerYear, p.PeriodsPerYear);
    }
}
