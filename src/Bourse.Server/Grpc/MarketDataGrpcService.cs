using Bourse.Data.Feeds;
using Bourse.Grpc.V1;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Sdk.Identifiers;
using Bourse.Server.Market;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Bar = Bourse.Sdk.MarketData.Bar;

namespace Bourse.Server.Grpc;

/// <summary>
/// <c>bourse.v1.MarketData</c>: latest prices from the feed (<see cref="QuoteBoard"/>, else the last stored bar), live
/// quote streams and stored bars. Instruments are those the feed publishes (<c>/api/v1/market/instruments</c>).
/// </summary>
internal sealed class MarketDataGrpcService(IMarketDataFeed feed, QuoteBoard board, IDbContextFactory<BourseDbContext> contexts) : MarketData.MarketDataBase
{
    public override async Task<Quote> GetQuote(GetQuoteRequest request, ServerCallContext context)
    {
        context.Caller();
        var id = Instrument(request.Symbol, "symbol");
        if (board.Latest(id) is { } bar)
        {
            return ToQuote(bar);
        }

        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        var stored = await MarketApi.LatestStoredBarsAsync(db, id.ToString(), null, null, 1, context.CancellationToken);
        return stored.Count == 1
            ? new Quote { Symbol = stored[0].Symbol, Price = stored[0].Close.Wire(), Time = stored[0].OpenTime.AddSeconds(stored[0].PeriodSeconds).Wire(), Bar = ToWire(stored[0]) }
            : throw GrpcCalls.Failure(StatusCode.NotFound, "symbol", $"{id} has no price yet: the feed has published no bar of it.");
    }

    public override async Task SubscribeQuotes(SubscribeQuotesRequest request, IServerStreamWriter<Quote> responseStream, ServerCallContext context)
    {
        context.Caller();
        if (request.Symbols.Count == 0)
        {
            throw GrpcCalls.Invalid("symbols", "symbols must list at least one instrument id, e.g. BTCUSD.COINBASE.");
        }

        var ids = request.Symbols.Select(s => Instrument(s, "symbols")).ToHashSet();

        // The feed publishes an instrument while someone subscribes to it: this stream does, until it ends.
        using var subscriptions = feed.Subscriptions.SubscribeAll(ids);
        try
        {
            await foreach (var bar in board.ListenAsync(ids, context.CancellationToken))
            {
                await responseStream.WriteAsync(ToQuote(bar), context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
        }
    }

    public override async Task<GetHistoricalBarsResponse> GetHistoricalBars(GetHistoricalBarsRequest request, ServerCallContext context)
    {
        context.Caller();
        var id = Instrument(request.Symbol, "symbol");
        var limit = request.Limit == 0 ? 500 : request.Limit;
        if (limit < 1 || limit > MarketApi.MaxBars)
        {
            throw GrpcCalls.Invalid("limit", $"limit must be within 1..{MarketApi.MaxBars} (was {limit}).");
        }

        var from = request.From?.ToDateTime();
        var to = request.To?.ToDateTime();
        if (from > to)
        {
            throw GrpcCalls.Invalid("from", "from must not be after to.");
        }

        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        var rows = await MarketApi.LatestStoredBarsAsync(db, id.ToString(), from, to, limit, context.CancellationToken);
        var response = new GetHistoricalBarsResponse();
        response.Bars.AddRange(rows.Select(ToWire));
        return response;
    }

    /// <summary>An instrument the feed publishes, or INVALID_ARGUMENT naming <paramref name="field"/>.</summary>
    private InstrumentId Instrument(string symbol, string field) =>
        !InstrumentId.TryParse(symbol, out var id)
            ? throw GrpcCalls.Invalid(field, $"'{symbol}' is not an instrument id of the form SYMBOL.VENUE (e.g. BTCUSD.COINBASE).")
            : feed.Instruments.Any(i => i.Id == id) ? id
            : throw GrpcCalls.Invalid(field, $"The feed does not publish {id}; known: {string.Join(", ", feed.Instruments.Select(i => i.Id))}.");

    private static Quote ToQuote(Bar bar) =>
        new() { Symbol = bar.Instrument.ToString(), Price = bar.Close.Value.Wire(), Time = bar.CloseTime.Wire(), Bar = ToWire(bar) };

    private static Bourse.Grpc.V1.Bar ToWire(BarEntity b) => new()
    {
        Symbol = b.Symbol,
        PeriodSeconds = b.PeriodSeconds,
        OpenTime = b.OpenTime.Wire(),
        Open = b.Open.Wire(),
        High = b.High.Wire(),
        Low = b.Low.Wire(),
        Close = b.Close.Wire(),
        Volume = b.Volume.Wire(),
    };

    private static Bourse.Grpc.V1.Bar ToWire(Bar bar) => new()
    {
        Symbol = bar.Instrument.ToString(),
        PeriodSeconds = (int)bar.Period.Span.TotalSeconds,
        OpenTime = bar.OpenTime.Wire(),
        Open = bar.Open.Value.Wire(),
        High = bar.High.Value.Wire(),
        Low = bar.Low.Value.Wire(),
        Close = bar.Close.Value.Wire(),
        Volume = bar.Volume.Value.Wire(),
    };
}
