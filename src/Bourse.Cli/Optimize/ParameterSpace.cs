using System.Globalization;

namespace Bourse.Cli.Optimize;

/// <summary>One parameter's candidate values, as text for the strategy's parameter binder.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Values">Its candidate values, in the order given.</param>
internal sealed record ParameterAxis(string Name, IReadOnlyList<string> Values);

/// <summary>
/// The search space of <c>bourse optimize</c>: one axis per <c>--param</c>, written <c>name=start:end:step</c> (an
/// inclusive numeric range, e.g. <c>fast=5:20:5</c> → 5, 10, 15, 20), <c>name=a,b,c</c> (a list, e.g.
/// <c>slow=20,50,100</c>) or <c>name=value</c> (fixed).
/// </summary>
internal sealed class ParameterSpace
{
    /// <summary>Most grid points a search may have (a guard against a mistyped step).</summary>
    public const int MaxPoints = 100_000;

    private ParameterSpace(IReadOnlyList<ParameterAxis> axes) => Axes = axes;

    /// <summary>The axes, in the order given.</summary>
    public IReadOnlyList<ParameterAxis> Axes { get; }

    /// <summary>Number of grid points: the product of the axes' sizes.</summary>
    public int Count => Axes.Aggregate(1, (n, a) => n * a.Values.Count);

    /// <summary>Parses the <c>--param</c> specifications.</summary>
    /// <exception cref="ArgumentException">A specification is malformed, a range is empty or not numeric, a name repeats, or the grid exceeds <see cref="MaxPoints"/>.</exception>
    public static ParameterSpace Parse(IEnumerable<string> specifications)
    {
        var axes = new List<ParameterAxis>();
        foreach (var spec in specifications)
        {
            var eq = spec.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == spec.Length - 1)
            {
                throw new ArgumentException($"--param '{spec}' is not of the form name=start:end:step, name=a,b,c or name=value.");
            }

            var name = spec[..eq].Trim();
            if (axes.Any(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"--param {name} is given twice.");
            }

            var text = spec[(eq + 1)..].Trim();
            axes.Add(new ParameterAxis(name, text.Contains(':', StringComparison.Ordinal) ? Range(name, text) : [.. text.Split(',').Select(v => v.Trim())]));
        }

        var space = new ParameterSpace(axes);
        var points = axes.Aggregate(1L, (n, a) => n * a.Values.Count);
        return points <= MaxPoints ? space : throw new ArgumentException($"The parameter grid has {points:N0} points; at most {MaxPoints:N0} are allowed.");
    }

    /// <summary>Every grid point, the last axis varying fastest.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Grid()
    {
        IEnumerable<IReadOnlyDictionary<string, string>> points = [new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)];
        foreach (var axis in Axes)
        {
            points = points.SelectMany(point => axis.Values.Select(value =>
                (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(point, StringComparer.OrdinalIgnoreCase) { [axis.Name] = value }));
        }

        return [.. points];
    }

    /// <summary>
    /// Random search: <paramref name="samples"/> distinct grid points drawn uniformly without replacement with a
    /// seeded generator (the same seed gives the same points), in grid order; the whole grid when it is smaller.
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Sample(int samples, int seed)
    {
        var grid = Grid();
        if (samples >= grid.Count)
        {
            return grid;
        }

        var indices = Enumerable.Range(0, grid.Count).ToArray();
        new Random(seed).Shuffle(indices);
        return [.. indices.Take(samples).Order().Select(i => grid[i])];
    }

    private static string[] Range(string name, string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3
            || !decimal.TryParse(parts[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var start)
            || !decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var end)
            || !decimal.TryParse(parts[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var step))
        {
            throw new ArgumentException($"--param {name}={text}: a range is start:end:step with three numbers, e.g. 5:20:5.");
        }

        if (step <= 0m || end < start)
        {
            throw new ArgumentException($"--param {name}={text}: the step must be positive and the end not below the start.");
        }

        if ((end - start) / step >= MaxPoints)
        {
            throw new ArgumentException($"--param {name}={text} has more than {MaxPoints:N0} values.");
        }

        var values = new List<string>();
        for (var v = start; v <= end; v += step)
        {
            values.Add(v.ToString(CultureInfo.InvariantCulture));
        }

        return [.. values];
    }
}
