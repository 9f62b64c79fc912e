using Bourse.Cli.Optimize;

namespace Bourse.Cli.Tests;

public sealed class ParameterSpaceTests
{
    [Fact]
    public void Ranges_lists_and_fixed_values_make_a_grid_with_the_last_axis_fastest()
    {
        var space = ParameterSpace.Parse(["fast=5:20:5", "slow=20,50,100", "mode=close"]);
        Assert.Equal(["5", "10", "15", "20"], space.Axes[0].Values);
        Assert.Equal(["20", "50", "100"], space.Axes[1].Values);
        Assert.Equal(12, space.Count);
        var grid = space.Grid();
        Assert.Equal(12, grid.Count);
        Assert.Equal(("5", "20", "close"), (grid[0]["fast"], grid[0]["slow"], grid[0]["mode"]));
        Assert.Equal(("5", "50"), (grid[1]["fast"], grid[1]["slow"]));
        Assert.Equal(("20", "100"), (grid[^1]["fast"], grid[^1]["slow"]));
        Assert.Equal(["0.1", "0.2", "0.3"], ParameterSpace.Parse(["x=0.1:0.3:0.1"]).Axes[0].Values);
    }

    [Fact]
    public void Random_search_draws_distinct_grid_points_repeatably_by_seed()
    {
        var space = ParameterSpace.Parse(["a=1:10:1", "b=1:10:1"]);
        var first = space.Sample(7, seed: 42);
        var again = space.Sample(7, seed: 42);
        var other = space.Sample(7, seed: 43);
        Assert.Equal(7, first.Count);
        Assert.Equal(7, first.Select(p => (p["a"], p["b"])).Distinct().Count());
        Assert.Equal(first.Select(p => (p["a"], p["b"])), again.Select(p => (p["a"], p["b"])));
        Assert.NotEqual(first.Select(p => (p["a"], p["b"])), other.Select(p => (p["a"], p["b"])));
        Assert.Equal(100, space.Sample(500, seed: 1).Count);
    }

    [Theory]
    [InlineData("fast", "not of the form")]
    [InlineData("fast=5:1:1", "end not below the start")]
    [InlineData("fast=1:5:0", "step must be positive")]
    [InlineData("fast=1:x:1", "three numbers")]
    [InlineData("fast=1:1000000:1", "more than")]
    public void Malformed_specifications_are_named(string spec, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => ParameterSpace.Parse([spec]));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Contains(spec.Split('=')[0], e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_given_twice_is_an_error()
    {
        var e = Assert.Throws<ArgumentException>(() => ParameterSpace.Parse(["fast=1", "FAST=2"]));
        Assert.Contains("given twice", e.Message, StringComparison.Ordinal);
    }
}
