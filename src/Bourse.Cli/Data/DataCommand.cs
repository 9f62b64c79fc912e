using System.CommandLine;
using Bourse.Data.Files;
using Bourse.Sdk.Identifiers;
using Spectre.Console;

namespace Bourse.Cli.Data;

/// <summary>
/// <c>bourse data inspect|convert|import</c>: look into, convert and import market-data files. Exit code 0 on success,
/// 1 on bad input (the message names the file and line at fault).
/// </summary>
internal static class DataCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create() => new("data", "Inspect, convert and import market-data files.")
    {
        InspectCommand.Create(),
        ConvertCommand.Create(),
        ImportCommand.Create(),
    };

    /// <summary>The <c>--instrument</c> option the subcommands share.</summary>
    public static Option<string?> InstrumentOption() => new("--instrument", "-i")
    {
        Description = "Stamp every row with this instrument, SYMBOL.VENUE (needed when a file does not name its instrument).",
    };

    /// <summary>Parses the <c>--instrument</c> value.</summary>
    /// <exception cref="FormatException">The value is not SYMBOL.VENUE.</exception>
    public static InstrumentId? Instrument(string? text) => text is null ? null : InstrumentId.Parse(text);

    /// <summary>Runs <paramref name="action"/>, printing bad input as an error with exit code 1.</summary>
    public static async Task<int> GuardAsync(Func<IAnsiConsole, Task<int>> action)
    {
        var console = AnsiConsole.Console;
        try
        {
            return await action(console);
        }
        catch (Exception e) when (e is DataFileException or FileNotFoundException or DirectoryNotFoundException or ArgumentException or FormatException or InvalidOperationException or TimeZoneNotFoundException)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }

    /// <summary>The supported files at <paramref name="path"/>: the file itself, or every file under a folder that <see cref="DataFiles.Open"/> recognises.</summary>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    public static IReadOnlyList<DataSource> Sources(string path, InstrumentId? instrument)
    {
        if (File.Exists(path))
        {
            return [DataFiles.Open(path, instrument)];
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"No file or folder {path}.", path);
        }

        var sources = new List<DataSource>();
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                sources.Add(DataFiles.Open(file, instrument));
            }
            catch (DataFileException)
            {
                // Not market data (factor files, READMEs, order books…): skipped in a folder.
            }
        }

        return sources.Count > 0 ? sources : throw new FileNotFoundException($"No supported market-data file under {path}.", path);
    }
}
