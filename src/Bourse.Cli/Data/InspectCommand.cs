using System.CommandLine;
using System.Globalization;
using Bourse.Data.Files;
using Bourse.Data.Streams;
using Spectre.Console;

namespace Bourse.Cli.Data;

/// <summary><c>bourse data inspect &lt;path&gt;</c>: format, kind, instruments, periods, row count, first/last time and gaps of each file.</summary>
internal static class InspectCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A market-data file or a folder of them." };
        var instrument = DataCommand.InstrumentOption();
        var command = new Command("inspect", "Show what a market-data file holds: format, instrument, period, rows, first/last time, gaps.") { path, instrument };
        command.SetAction((parse, _) => DataCommand.GuardAsync(console =>
            Task.FromResult(Run(console, parse.GetValue(path)!, DataCommand.Instrument(parse.GetValue(instrument))))));
        return command;
    }

    /// <summary>Inspects every file at <paramref name="path"/> and prints one table.</summary>
    internal static int Run(IAnsiConsole console, string path, Bourse.Sdk.Identifiers.InstrumentId? instrument)
    {
        var sources = DataCommand.Sources(path, instrument);
        var summaries = new List<(DataSource Source, StreamSummary Summary)>();
        console.Progress().AutoClear(true).Start(progress =>
        {
            var task = progress.AddTask("Reading", maxValue: sources.Count);
            foreach (var source in sources)
            {
                task.Description = Markup.Escape(Path.GetFileName(source.Path));
                var summary = new StreamSummary();
                foreach (var item in source.Read())
                {
                    summary.Add(item);
                }

                summaries.Add((source, summary));
                task.Increment(1);
            }
        });

        var table = new Table().AddColumns("file", "format", "kind", "instrument", "period", "rows", "first (UTC)", "last (UTC)", "gaps", "longest gap");
        foreach (var (source, summary) in summaries)
        {
            table.AddRow(
                Markup.Escape(Path.GetRelativePath(Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!, source.Path)),
                source.Format,
                source.Kind.ToString().ToLowerInvariant(),
                Markup.Escape(string.Join(", ", summary.Instruments)),
                string.Join(", ", summary.Periods),
                summary.Count.ToString("N0", CultureInfo.InvariantCulture),
                Time(summary.First),
                Time(summary.Last),
                summary.Gaps.ToString(CultureInfo.InvariantCulture),
                summary.LongestGapStart is { } start ? $"{summary.LongestGap} from {Time(start)}" : "-");
        }

        console.Write(table);
        return 0;
    }

    private static string Time(DateTime? time) => time?.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) ?? "-";
}
