using Bourse.Data.Files;
using Bourse.Persistence.Entities;
using Bourse.Sdk.MarketData;
using Bourse.Testing;

namespace Bourse.Server.Tests;

/// <summary>
/// A server whose feed publishes nothing (no standing subscription) and whose <c>bars</c> table holds the real sample
/// bars at their original times (samples/data: SPY 2013-10-07..11 and BTC-USD 2018-04-04..06, 1-minute), stored the
/// way the bar writer stores them; <see cref="Rows"/> are those bars, for the tests to compute expectations independently.
/// </summary>
public sealed class StoredBarsServer : IAsyncLifetime
{
    public BourseServer Server { get; } = new(null, new Dictionary<string, string> { ["MarketData:AlwaysSubscribed"] = "" });

    /// <summary>The stored bars, by instrument id, oldest first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Bar>> Rows { get; } = BarFiles.Read(RepositoryPaths.SampleData)
        .GroupBy(b => b.Instrument.ToString())
        .ToDictionary(g => g.Key, g => (IReadOnlyList<Bar>)[.. g.OrderBy(b => b.OpenTime)]);

    public async Task InitializeAsync()
    {
        _ = Server.AdminKey; // starts the server (and migrates its database)
        await using var db = Server.OpenDatabase();
        db.Bars.AddRange(Rows.Values.SelectMany(bars => bars).Select(b => new BarEntity
        {
            Symbol = b.Instrument.ToString(),
            PeriodSeconds = (int)b.Period.Span.TotalSeconds,
            OpenTime = b.OpenTime,
            Open = b.Open,
            High = b.High,
            Low = b.Low,
            Close = b.Close,
            Volume = b.Volume,
        }));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
