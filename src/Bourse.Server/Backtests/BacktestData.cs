using Bourse.Data.Files;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Server.Infrastructure;
using Bourse.Server.Market;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Backtests;

/// <summary>
/// The bar files backtests replay: those of <c>MarketData:DataPath</c> (samples/data by default, found as the replay feed
/// finds it), read with the readers the replay feed and <c>bourse backtest</c> use. Read per backtest, so new files count.
/// </summary>
public sealed class BacktestData(IOptions<MarketDataOptions> options, IHostEnvironment environment)
{
    /// <summary>The data folder or file.</summary>
    /// <exception cref="DirectoryNotFoundException">It does not exist.</exception>
    public string Path => MarketFeedFactory.ResolveDataPath(options.Value.DataPath, environment.ContentRootPath);

    /// <summary>The instruments the files hold.</summary>
    /// <exception cref="DataFileException">A file is malformed.</exception>
    public IReadOnlyList<Instrument> Instruments() => BarFiles.Instruments(Path);

    /// <summary>The bars of <paramref name="instruments"/>, in close-time order.</summary>
    /// <exception cref="DataFileException">A file is malformed (file and line named).</exception>
    public IReadOnlyList<Bar> Bars(IReadOnlyCollection<Instrument> instruments)
    {
        var wanted = instruments.Select(i => i.Id).ToHashSet();
        return [.. BarFiles.Read(Path).Where(b => wanted.Contains(b.Instrument))];
    }
}
