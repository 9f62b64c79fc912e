using System.CommandLine;
using System.Globalization;
using Bourse.Data.Storage;
using Spectre.Console;

namespace Bourse.Cli.Data;

/// <summary>
/// <c>bourse data import &lt;path&gt; [--data-dir samples/data]</c>: imports a file, or every supported file under a
/// folder, into the data folder as Bourse Parquet partitions (layout: <see cref="DataFolder"/>), with a progress bar.
/// The server replays the bars of that folder (<c>MarketData:DataPath</c>, <c>samples/data</c> by default).
/// </summary>
internal static class ImportCommand
{
    /// <summary>The server's default data folder.</summary>
    public const string DefaultDataFolder = "samples/data";

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A market-data file or a folder of them." };
        var instrument = DataCommand.InstrumentOption();
        var dataDir = new Option<string>("--data-dir") { Description = "The data folder (the server's MarketData:DataPath).", DefaultValueFactory = _ => DefaultDataFolder };
        var command = new Command("import", "Import market data into the data folder as Parquet partitions.") { path, instrument, dataDir };
        command.SetAction((parse, cancellationToken) => DataCommand.GuardAsync(console => RunAsync(
            console, parse.GetValue(path)!, DataCommand.Instrument(parse.GetValue(instrument)), parse.GetValue(dataDir)!, cancellationToken)));
        return command;
    }

    /// <summary>Imports; returns the exit code.</summary>
    internal static async Task<int> RunAsync(IAnsiConsole console, string path, Bourse.Sdk.Identifiers.InstrumentId? instrument, string dataDir, CancellationToken cancellationToken)
    {
        var sources = DataCommand.Sources(path, instrument);
        var folder = new DataFolder(dataDir);
        var partitions = new SortedSet<string>(StringComparer.Ordinal);
        long rows = 0;
        await console.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var task = progress.AddTask("Importing", maxValue: sources.Count);
            foreach (var source in sources)
            {
                task.Description = Markup.Escape(Path.GetFileName(source.Path));
                var written = await folder.ImportAsync(source.Read().Select(item => { rows++; return item; }), cancellationToken: cancellationToken);
                partitions.UnionWith(written);
                task.Increment(1);
            }

            task.Description = "Imported";
        });

        console.MarkupLine($"Imported {sources.Count} file(s), {rows.ToString("N0", CultureInfo.InvariantCulture)} rows, into {partitions.Count} partition(s) under [bold]{Markup.Escape(folder.Root)}[/]");
        return 0;
    }
}
