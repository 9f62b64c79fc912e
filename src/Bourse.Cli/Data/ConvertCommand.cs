using System.CommandLine;
using System.Globalization;
using Bourse.Data.Aggregation;
using Bourse.Data.Files;
using Bourse.Data.Storage;
using Bourse.Data.Streams;
using Bourse.Sdk.MarketData;
using Spectre.Console;

namespace Bourse.Cli.Data;

/// <summary>
/// <c>bourse data convert &lt;in&gt; &lt;out&gt; [--period 5m] [--zone America/New_York]</c>: any supported file (or a folder
/// of files of one kind, merged by time) to Bourse Parquet (<c>.parquet</c>) or CSV (<c>.csv</c>), optionally aggregated:
/// trade ticks to time bars, bars to longer bars.
/// </summary>
internal static class ConvertCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = "A market-data file, or a folder of files of one kind." };
        var output = new Argument<string>("out") { Description = "The file to write: .parquet (Bourse's storage format) or .csv." };
        var instrument = DataCommand.InstrumentOption();
        var period = new Option<string?>("--period", "-p") { Description = "Aggregate to bars of this period (1m, 5m, 1h, 1d): trade ticks to time bars, bars to longer bars." };
        var zone = new Option<string?>("--zone") { Description = "Align --period bars in this time zone (e.g. America/New_York for session hours and days); UTC by default." };
        var command = new Command("convert", "Convert market data to Parquet or CSV, optionally aggregating to a bar period.") { input, output, instrument, period, zone };
        command.SetAction((parse, cancellationToken) => DataCommand.GuardAsync(console => RunAsync(
            console,
            parse.GetValue(input)!,
            parse.GetValue(output)!,
            DataCommand.Instrument(parse.GetValue(instrument)),
            parse.GetValue(period) is { } p ? BarPeriod.Parse(p) : null,
            parse.GetValue(zone) is { } z ? TimeZoneInfo.FindSystemTimeZoneById(z) : null,
            cancellationToken)));
        return command;
    }

    /// <summary>Converts; returns the exit code.</summary>
    internal static async Task<int> RunAsync(IAnsiConsole console, string input, string output, Bourse.Sdk.Identifiers.InstrumentId? instrument, BarPeriod? period, TimeZoneInfo? zone, CancellationToken cancellationToken)
    {
        var parquet = output.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
        if (!parquet && !output.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The output {output} must end with .parquet or .csv.");
        }

        var sources = DataCommand.Sources(input, instrument);
        if (sources.Select(s => s.Kind).Distinct().Count() > 1)
        {
            throw new ArgumentException($"{input} holds several kinds of data ({string.Join(", ", sources.Select(s => s.Kind).Distinct())}); convert one kind at a time.");
        }

        var items = MarketDataMerge.Merge([.. sources.Select(s => s.Read())]);
        if (period is { } target)
        {
            items = Aggregate(items, sources[0].Kind, target, new BarBuckets(zone));
        }

        long rows = 0;
        await console.Progress().AutoClear(true).StartAsync(async progress =>
        {
            var task = progress.AddTask("Converting").IsIndeterminate();
            var counted = items.Select(item =>
            {
                if (++rows % 100_000 == 0)
                {
                    task.Description = $"Converting: {rows.ToString("N0", CultureInfo.InvariantCulture)} rows";
                }

                return item;
            });
            rows = parquet ? await WriteParquetAsync(output, counted, cancellationToken) : CsvMarketDataWriter.Write(output, counted);
            task.StopTask();
        });

        console.MarkupLine($"Wrote {rows.ToString("N0", CultureInfo.InvariantCulture)} rows to [bold]{Markup.Escape(Path.GetFullPath(output))}[/]");
        return 0;
    }

    private static IEnumerable<MarketDataItem> Aggregate(IEnumerable<MarketDataItem> items, MarketDataKind kind, BarPeriod period, BarBuckets buckets) => kind switch
    {
        MarketDataKind.Trade => MarketDataItem.Of(BarAggregator.TimeBars(items.Select(i => i.Trade!), period, buckets)),
        MarketDataKind.Bar => MarketDataItem.Of(BarAggregator.Resample(items.Select(i => i.Bar!), period, buckets)),
        _ => throw new ArgumentException($"--period aggregates trade ticks or bars, not {kind.ToString().ToLowerInvariant()} data."),
    };

    private static async Task<long> WriteParquetAsync(string output, IEnumerable<MarketDataItem> items, CancellationToken cancellationToken)
    {
        using var enumerator = items.GetEnumerator();
        if (!enumerator.MoveNext())
        {
            throw new ArgumentException("There is no data to write.");
        }

        var first = enumerator.Current;
        var all = Prepend(first, enumerator);
        return first.Kind switch
        {
            MarketDataKind.Bar => await ParquetMarketData.WriteBarsAsync(output, all.Select(i => i.Bar!), cancellationToken),
            MarketDataKind.Trade => await ParquetMarketData.WriteTradesAsync(output, all.Select(i => i.Trade!), cancellationToken),
            MarketDataKind.Quote => await ParquetMarketData.WriteQuotesAsync(output, all.Select(i => i.Quote!), cancellationToken),
            _ => throw new ArgumentException("Quote bars cannot be stored as Parquet yet; convert the trades or quotes instead."),
        };
    }

    private static IEnumerable<MarketDataItem> Prepend(MarketDataItem first, IEnumerator<MarketDataItem> rest)
    {
        yield return first;
        while (rest.MoveNext())
        {
            yield return rest.Current;
        }
    }
}
