using System.Collections.Concurrent;
using Bourse.Data.Feeds;
using Bourse.Sdk.Identifiers;

namespace Bourse.Data.Tests.Feeds;

public sealed class FeedSubscriptionsTests
{
    private static readonly Instrument Btc = Instrument.Crypto(InstrumentId.Parse("BTCUSDT.BINANCE"));
    private static readonly Instrument Eth = Instrument.Crypto(InstrumentId.Parse("ETHUSDT.BINANCE"));
    private static readonly Instrument Spy = Instrument.Equity(InstrumentId.Parse("SPY.NASDAQ"));

    [Fact]
    public void An_instrument_is_added_by_its_first_subscriber_and_dropped_by_its_last()
    {
        var subscriptions = new FeedSubscriptions([Btc, Eth]);
        var changes = new List<SubscriptionChange>();
        subscriptions.Changed += changes.Add;

        var first = subscriptions.Subscribe(Btc.Id);
        var second = subscriptions.Subscribe(Btc.Id);
        Assert.Equal([new SubscriptionChange(Btc.Id, Added: true)], changes);
        Assert.Equal(2, subscriptions.CountOf(Btc.Id));
        Assert.True(subscriptions.IsSubscribed(Btc.Id));
        Assert.False(subscriptions.IsSubscribed(Eth.Id));

        first.Dispose();
        first.Dispose(); // a second dispose of the same handle does not count again
        Assert.Equal(1, subscriptions.CountOf(Btc.Id));
        Assert.Single(changes);

        second.Dispose();
        Assert.Equal(0, subscriptions.CountOf(Btc.Id));
        Assert.Empty(subscriptions.Current);
        Assert.Equal([new SubscriptionChange(Btc.Id, true), new SubscriptionChange(Btc.Id, false)], changes);

        // After the last one left, a new subscriber adds it again.
        using var third = subscriptions.Subscribe(Btc.Id);
        Assert.Equal(new SubscriptionChange(Btc.Id, true), changes[^1]);
        Assert.Equal([Btc.Id], subscriptions.Current);
    }

    [Fact]
    public void Only_the_feed_s_instruments_can_be_subscribed_and_a_group_is_all_or_nothing()
    {
        var subscriptions = new FeedSubscriptions([Btc, Eth]);

        var single = Assert.Throws<ArgumentException>(() => subscriptions.Subscribe(Spy.Id));
        Assert.Contains("SPY.NASDAQ", single.Message, StringComparison.Ordinal);
        var group = Assert.Throws<ArgumentException>(() => subscriptions.SubscribeAll([Btc.Id, Spy.Id]));
        Assert.Contains("SPY.NASDAQ", group.Message, StringComparison.Ordinal);
        Assert.Empty(subscriptions.Current);

        var both = subscriptions.SubscribeAll([Btc.Id, Eth.Id]);
        Assert.Equal([Btc.Id, Eth.Id], subscriptions.Current);
        both.Dispose();
        Assert.Empty(subscriptions.Current);
    }

    [Fact]
    public async Task Concurrent_subscribers_leave_exact_counts_and_balanced_changes()
    {
        var instruments = new[] { Btc, Eth, Spy };
        var subscriptions = new FeedSubscriptions(instruments);
        var added = new ConcurrentDictionary<InstrumentId, int>();
        var removed = new ConcurrentDictionary<InstrumentId, int>();
        subscriptions.Changed += c => (c.Added ? added : removed).AddOrUpdate(c.Instrument, 1, (_, n) => n + 1);

        const int Workers = 8;
        const int Rounds = 5_000;
        using var start = new Barrier(Workers);
        var kept = new ConcurrentBag<FeedSubscription>();
        var workers = Enumerable.Range(0, Workers).Select(w => Task.Factory.StartNew(
            () =>
            {
                var random = new Random(w);
                var held = new List<FeedSubscription>();
                start.SignalAndWait();
                for (var round = 0; round < Rounds; round++)
                {
                    if (held.Count > 0 && random.Next(2) == 0)
                    {
                        var index = random.Next(held.Count);
                        held[index].Dispose();
                        held.RemoveAt(index);
                    }
                    else
                    {
                        held.Add(subscriptions.Subscribe(instruments[random.Next(instruments.Length)].Id));
                    }
                }

                // Each worker keeps its handles on BTC and drops the rest.
                foreach (var handle in held)
                {
                    if (handle.Instrument == Btc.Id)
                    {
                        kept.Add(handle);
                    }
                    else
                    {
                        handle.Dispose();
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal(kept.Count, subscriptions.CountOf(Btc.Id));
        Assert.Equal(0, subscriptions.CountOf(Eth.Id));
        Assert.Equal(0, subscriptions.CountOf(Spy.Id));
        Assert.Equal(kept.IsEmpty ? [] : [Btc.Id], subscriptions.Current);

        // Every add is matched by a remove, except one for an instrument still subscribed.
        foreach (var instrument in instruments)
        {
            var open = subscriptions.IsSubscribed(instrument.Id) ? 1 : 0;
            Assert.Equal(open, added.GetValueOrDefault(instrument.Id) - removed.GetValueOrDefault(instrument.Id));
        }

        Parallel.ForEach(kept, handle => handle.Dispose());
        Assert.Empty(subscriptions.Current);
        Assert.Equal(added.GetValueOrDefault(Btc.Id), removed.GetValueOrDefault(Btc.Id));
    }
}
