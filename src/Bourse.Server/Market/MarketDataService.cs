using System.Threading.Channels;
using Bourse.Data.Feeds;
using Bourse.Persistence;
using Bourse.Persistence.Writing;
using Bourse.Server.Infrastructure;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Server.Runs;
using Bourse.Server.Streaming;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Market;

/// <summary>
/// Runs the market data feed: every bar goes to the runs trading its instrument, to WebSocket clients subscribed to
/// its <c>bars</c> topic, to the <see cref="QuoteBoard"/> (latest prices, gRPC quote streams), and to the bar queue that <see cref="BarWriterService"/> persists. Never blocks on a consumer.
/// Holds the standing subscriptions of <see cref="MarketDataOptions.AlwaysSubscribed"/> while it runs; runs and sessions
/// subscribe their own instruments.
/// </summary>
internal sealed class MarketDataService(
    IMarketDataFeed feed, RunRegistry runs, StreamHub hub, QuoteBoard quotes, BarQueue bars, IOptions<MarketDataOptions> options, ILogger<MarketDataService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var standing = feed.Subscriptions.SubscribeAll(StandingInstruments(options.Value.AlwaysSubscribed));
        logger.LogInformation(
            "Market data feed started: {Instruments}; subscribed: {Subscribed}",
            string.Join(", ", feed.Instruments.Select(i => i.Id)),
            string.Join(", ", feed.Subscriptions.Current));
        try
        {
            await foreach (var bar in feed.ReadAllAsync(stoppingToken))
            {
                runs.Dispatch(bar);
                hub.Publish(bar);
                quotes.Publish(bar);
                bars.Write(bar);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "The market data feed failed");
        }
        finally
        {
            bars.Complete();
        }
    }
    /// <summary>The instruments of <c>MarketData:AlwaysSubscribed</c>: <c>*</c> for all, else comma-separated ids the feed publishes.</summary>
    /// <exception cref="InvalidOperationException">An id is malformed or not published by the feed.</exception>
    private IEnumerable<InstrumentId> StandingInstruments(string setting)
    {
        if (setting.Trim() == "*")
        {
            return feed.Instruments.Select(i => i.Id);
        }

        var ids = new List<InstrumentId>();
        foreach (var text in setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!InstrumentId.TryParse(text, out var id) || feed.Instruments.All(i => i.Id != id))
            {
                throw new InvalidOperationException(
                    $"MarketData:AlwaysSubscribed lists '{text}', which is not an instrument the feed publishes ({string.Join(", ", feed.Instruments.Select(i => i.Id))}).");
            }

            ids.Add(id);
        }

        return ids;
    }
}

/// <summary>The bounded queue of bars to persist (drops the oldest when the database is far behind; bars are re-creatable from the files).</summary>
public sealed class BarQueue
{
    private readonly Channel<Bar> _channel = Channel.CreateBounded<Bar>(new BoundedChannelOptions(50_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropOldest,
    });

    /// <summary>The reading side.</summary>
    public ChannelReader<Bar> Reader => _channel.Reader;

    /// <summary>Queues a bar; never blocks.</summary>
    public void Write(Bar bar) => _channel.Writer.TryWrite(bar);

    /// <summary>No more bars.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}

/// <summary>Persists queued bars in batches of up to 500 or every 100 ms, one transaction each; drains on shutdown.</summary>
internal sealed class BarWriterService(BarQueue queue, IDbContextFactory<BourseDbContext> contexts, ILogger<BarWriterService> logger) : BackgroundService
{
    private readonly BarBatchWriter _writer = new();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Bar>(500);
        var reader = queue.Reader;
        while (true)
        {
            try
            {
                if (!await reader.WaitToReadAsync(stoppingToken))
                {
                    break;
                }

                await Task.Delay(100, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            while (reader.TryRead(out var bar))
            {
                batch.Add(bar);
                if (batch.Count >= 500)
                {
                    await WriteAsync(batch);
                }
            }

            await WriteAsync(batch);
        }

        while (reader.TryRead(out var bar))
        {
            batch.Add(bar);
        }

        await WriteAsync(batch);
    }

    private async Task WriteAsync(List<Bar> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            await _writer.WriteAsync(db, batch, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Writing {Count} bars failed; they are dropped", batch.Count);
        }

        batch.Clear();
    }
}
