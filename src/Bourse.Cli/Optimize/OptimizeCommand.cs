using System.CommandLine;
using Bourse.Cli.Backtest;
using Bourse.Engine.Runs;
using Bourse.Plugins.Parameters;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Spectre.Console;

namespace Bourse.Cli.Optimize;

/// <summary>What to search and how to rank it.</summary>
/// <param name="Space">The parameter grid.</param>
/// <param name="Samples">Random search: how many grid points to draw; null for the full grid.</param>
/// <param name="Seed">The random search's seed.</param>
/// <param name="Rank">The ranking statistic.</param>
/// <param name="WalkForward">The walk-forward split, or null to optimise on all the data.</param>
/// <param name="Top">Rows of the printed table.</param>
/// <param name="OutputFolder">Where to write optimization.json and optimization.csv, or null.</param>
internal sealed record OptimizeSettings(ParameterSpace Space, int? Samples, int Seed, RankStatistic Rank, WalkForwardSplit? WalkForward, int Top, string? OutputFolder);

/// <summary>
/// <c>bourse optimize --strategy … --data … --param fast=5:20:5 --param slow=20,50,100 [--samples N --seed S]
/// [--rank sharpe] [--walk-forward 70:30] [--output folder]</c>: grid or random search over a strategy's parameters,
/// backtested in parallel on all cores, ranked by a statistic (in-sample), printed as a table and optionally written
/// as JSON and CSV. Exit code 0 on success, 1 on bad input.
/// </summary>
internal static class OptimizeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var options = new RunOptions();
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "A parameter to search: name=start:end:step (inclusive range), name=a,b,c (list) or name=value (fixed). Repeatable.",
            Required = true,
        };
        var samples = new Option<int?>("--samples") { Description = "Random search: backtest this many grid points drawn at random (default: the whole grid)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the random search.", DefaultValueFactory = _ => 1 };
        var rank = new Option<string>("--rank")
        {
            Description = $"Statistic to rank by: {string.Join(", ", RankStatistic.All.Select(s => s.Name))}.",
            DefaultValueFactory = _ => "sharpe",
        };
        var walkForward = new Option<string?>("--walk-forward") { Description = "Walk-forward split in:out (e.g. 70:30): rank on the first window, report the out-of-sample figures of the second." };
        var top = new Option<int>("--top") { Description = "Rows of the ranked table printed.", DefaultValueFactory = _ => 20 };
        var output = new Option<string?>("--output", "-o") { Description = "Write optimization.json and optimization.csv into this folder." };
        samples.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is <= 0) { r.AddError("--samples must be positive."); } });
        top.Validators.Add(r => { if (r.GetValueOrDefault<int>() <= 0) { r.AddError("--top must be positive."); } });

        var command = new Command("optimize", "Search a strategy's parameters: grid or random, in parallel, ranked by a statistic, with an optional walk-forward split.");
        options.AddTo(command);
        foreach (var option in (Option[])[parameters, samples, seed, rank, walkForward, top, output])
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => RunOptions.Guard(AnsiConsole.Console, () => RunAsync(
            AnsiConsole.Console,
            parse.GetValue(options.Strategy)!,
            parse.GetValue(options.Data)!,
            options.Instruments(parse),
            parse.GetValue(options.Cash),
            parse.GetValue(options.FeeBps),
            options.Risk(parse),
            new OptimizeSettings(
                ParameterSpace.Parse(parse.GetValue(parameters) ?? []),
                parse.GetValue(samples),
                parse.GetValue(seed),
                RankStatistic.Parse(parse.GetValue(rank)!),
                parse.GetValue(walkForward) is { } split ? WalkForwardSplit.Parse(split) : null,
                parse.GetValue(top),
                parse.GetValue(output)),
            cancellationToken)));
        return command;
    }

    /// <summary>Runs the search, prints the ranked table and writes the files; returns the exit code.</summary>
    /// <remarks>Parameter sets the strategy rejects (e.g. fast ≥ slow) are skipped and counted.</remarks>
    /// <exception cref="ParameterException">Every parameter set is invalid for the strategy (the first one's reason).</exception>
    internal static async Task<int> RunAsync(
        IAnsiConsole console,
        string strategyArgument,
        string dataPath,
        IReadOnlyList<InstrumentId> symbols,
        decimal cash,
        decimal feeBps,
        RiskSettings risk,
        OptimizeSettings search,
        CancellationToken cancellationToken)
    {
        var plugin = StrategySource.Resolve(strategyArgument);
        var points = search.Samples is { } n ? search.Space.Sample(n, search.Seed) : search.Space.Grid();
        var bound = new List<BoundParameters>(points.Count);
        var rejected = new List<ParameterException>();
        foreach (var point in points)
        {
            try
            {
                bound.Add(plugin.Bind(point));
            }
            catch (ParameterException e)
            {
                rejected.Add(e);
            }
        }

        if (rejected.Count > 0)
        {
            console.MarkupLine(Markup.Escape($"Skipped {rejected.Count} of {points.Count} parameter sets the strategy rejects, e.g.: {rejected[0].Message}"));
        }

        if (bound.Count == 0)
        {
            throw rejected[0];
        }

        var request = BacktestRequest.Load(plugin.Metadata.Name, dataPath, symbols, cash, feeBps);
        var (inSample, outOfSample) = search.WalkForward is { } split ? split.Split(request.Bars) : (request.Bars, null);

        var trials = await TerminalProgress.RunAsync(
            console,
            $"Optimising {bound.Count} parameter sets",
            bound.Count,
            advance => Optimizer.RunAsync(plugin, bound, inSample, outOfSample, () => request.Settings(risk), () => advance(1), cancellationToken));

        var result = new OptimizationResult(
            plugin.Metadata.Name,
            dataPath,
            search.Rank.Name,
            search.Samples is null ? "grid" : "random",
            WindowOf(inSample),
            outOfSample is null ? null : WindowOf(outOfSample),
            search.Rank.Rank(trials, t => t.InSample.Performance));
        OptimizationTable.Write(console, result, search.Rank, search.Top);
        if (search.OutputFolder is { } folder)
        {
            await result.WriteAsync(folder, cancellationToken);
            console.MarkupLine($"Results written to [bold]{Markup.Escape(Path.GetFullPath(folder))}[/]");
        }

        return 0;
    }

    private static Window WindowOf(IReadOnlyList<Bar> bars) => new(bars[0].OpenTime, bars[^1].CloseTime, bars.Count);
}
