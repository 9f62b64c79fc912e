using Bourse.Data.Feeds;
using Bourse.Data.Feeds.Binance;
using Bourse.Data.Files;
using Bourse.Server.Infrastructure;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Market;

/// <summary>
/// Builds the feed <see cref="MarketDataOptions.Feed"/> names: the replay over <see cref="MarketDataOptions.DataPath"/>
/// (default), or Binance's live streams. A relative data path is looked up from the content root and then from each
/// parent folder until it exists, so <c>dotnet run --project src/Bourse.Server</c> from the repository root finds
/// <c>samples/data</c>. The replay continues after the stored bars of its instruments (<see cref="BarHistory.LatestCloseAsync"/>):
/// its market clock starts at the latest of their close times when that is later than now, so after a restart on the same
/// database the first new bar closes after the last stored one, and runs recovered across the restart receive bars at once.
/// </summary>
public static class MarketFeedFactory
{
    /// <summary>Creates the feed, or an empty one when market data is disabled.</summary>
    /// <exception cref="DirectoryNotFoundException">The data path is found nowhere.</exception>
    /// <exception cref="InvalidOperationException">MarketData:Feed is neither replay nor binance, or the Binance settings are invalid.</exception>
    public static IMarketDataFeed Create(IOptions<MarketDataOptions> options, IHostEnvironment environment, TimeProvider clock, ILoggerFactory loggers, BarHistory storedBars)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return new NoMarketData(clock);
        }

        if (string.Equals(o.Feed, "binance", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new BinanceFeed(o.Binance, clock, loggers.CreateLogger<BinanceFeed>());
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"MarketData:Binance is invalid: {e.Message}", e);
            }
        }

        if (!string.Equals(o.Feed, "replay", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"MarketData:Feed is '{o.Feed}'; it must be replay or binance.");
        }

        var path = ResolveDataPath(o.DataPath, environment.ContentRootPath);
        var bars = BarFiles.Read(path);
        var instruments = BarFiles.Instruments(path);
        var resumeAfter = storedBars.LatestCloseAsync(instruments, CancellationToken.None).GetAwaiter().GetResult(); // a DI factory cannot await
        var feed = new ReplayFeed(instruments, bars, new ReplayOptions(o.Speed, o.Loop, resumeAfter), clock);
        LogStart(feed, resumeAfter, loggers.CreateLogger<ReplayFeed>());
        return feed;
    }

    private static void LogStart(ReplayFeed feed, DateTime? resumeAfter, ILogger logger)
    {
        if (resumeAfter is not { } resume)
        {
            return;
        }

        if (resume > feed.Start)
        {
            logger.LogWarning(
                "The stored bars close up to {ResumeAfter:O}, too late for the replay to continue after them: its market clock starts at {Start:O}, and no bar of an instrument is stored until the replay passes that instrument's last stored bar",
                resume, feed.Start);
            return;
        }

        logger.LogInformation("The stored bars close up to {ResumeAfter:O}; the replay's market clock starts at {Start:O}", resume, feed.Start);
    }

    /// <summary>Finds <paramref name="dataPath"/>: as is when absolute, else under <paramref name="contentRoot"/> or one of its parents.</summary>
    /// <exception cref="DirectoryNotFoundException">Not found.</exception>
    public static string ResolveDataPath(string dataPath, string contentRoot)
    {
        if (Path.IsPathRooted(dataPath))
        {
            return Exists(dataPath) ? dataPath : throw new DirectoryNotFoundException($"Market data path {dataPath} does not exist (MarketData:DataPath).");
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, dataPath);
            if (Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"Market data path '{dataPath}' was found neither under {contentRoot} nor any parent folder (MarketData:DataPath).");
    }

    private static bool Exists(string path) => Directory.Exists(path) || File.Exists(path);

    private sealed class NoMarketData(TimeProvider clock) : IMarketDataFeed
    {
        public IReadOnlyList<Instrument> Instruments => [];

        public TimeProvider Clock => clock;

        public FeedSubscriptions Subscriptions { get; } = new([]);

        public async IAsyncEnumerable<Bar> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            yield break;
        }
    }
}
