namespace Bourse.Data.Streams;

/// <summary>
/// Merges several market-data streams (instruments, data types, files) into one stream ordered for a backtest,
/// lazily (a k-way merge that holds one item per source). The order is total and deterministic:
/// <list type="number">
/// <item><see cref="MarketDataItem.Time"/> (when the data is known: bar close, tick timestamp);</item>
/// <item>then <see cref="MarketDataItem.Kind"/>: bars, quote bars, quote ticks, trade ticks — a bar closing at T
/// summarizes [T − period, T) so it precedes the ticks stamped T, and a quote precedes a trade at the same instant
/// so a fill sees the book that trade met;</item>
/// <item>then the instrument id (symbol, then venue, ordinal);</item>
/// <item>then the source's position in the list given; a source's own items keep their order.</item>
/// </list>
/// </summary>
public static class MarketDataMerge
{
    /// <summary>Merges <paramref name="sources"/>.</summary>
    /// <param name="sources">Streams, each in non-decreasing <see cref="MarketDataItem.Time"/>.</param>
    /// <returns>The merged stream.</returns>
    /// <exception cref="InvalidOperationException">A source goes back in time (the message names the source index and times).</exception>
    public static IEnumerable<MarketDataItem> Merge(IReadOnlyList<IEnumerable<MarketDataItem>> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return MergeIterator(sources);
    }

    /// <summary>Merges <paramref name="sources"/> (see <see cref="Merge(IReadOnlyList{IEnumerable{MarketDataItem}})"/>).</summary>
    public static IEnumerable<MarketDataItem> Merge(params IEnumerable<MarketDataItem>[] sources) => Merge((IReadOnlyList<IEnumerable<MarketDataItem>>)sources);

    /// <summary>Compares two items by time, kind and instrument id (the first three keys of the merge order).</summary>
    public static int Compare(in MarketDataItem x, in MarketDataItem y)
    {
        var byTime = x.Time.CompareTo(y.Time);
        if (byTime != 0)
        {
            return byTime;
        }

        var byKind = x.Kind.CompareTo(y.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        var bySymbol = string.CompareOrdinal(x.Instrument.Symbol, y.Instrument.Symbol);
        return bySymbol != 0 ? bySymbol : string.CompareOrdinal(x.Instrument.Venue, y.Instrument.Venue);
    }

    private static IEnumerable<MarketDataItem> MergeIterator(IReadOnlyList<IEnumerable<MarketDataItem>> sources)
    {
        var enumerators = new IEnumerator<MarketDataItem>[sources.Count];
        var queue = new PriorityQueue<int, (MarketDataItem Item, int Source)>(sources.Count, HeadComparer.Instance);
        try
        {
            for (var i = 0; i < sources.Count; i++)
            {
                enumerators[i] = sources[i].GetEnumerator();
                if (enumerators[i].MoveNext())
                {
                    queue.Enqueue(i, (enumerators[i].Current, i));
                }
            }

            while (queue.TryDequeue(out var source, out var head))
            {
                yield return head.Item;
                var enumerator = enumerators[source];
                if (enumerator.MoveNext())
                {
                    var next = enumerator.Current;
                    if (next.Time < head.Item.Time)
                    {
                        throw new InvalidOperationException(
                            $"Source {source} goes back in time: {next.Kind} of {next.Instrument} at {next.Time:O} after {head.Item.Time:O}.");
                    }

                    queue.Enqueue(source, (next, source));
                }
            }
        }
        finally
        {
            foreach (var enumerator in enumerators)
            {
                enumerator?.Dispose();
            }
        }
    }

    private sealed class HeadComparer : IComparer<(MarketDataItem Item, int Source)>
    {
        public static HeadComparer Instance { get; } = new();

        public int Compare((MarketDataItem Item, int Source) x, (MarketDataItem Item, int Source) y)
        {
            var byItem = MarketDataMerge.Compare(x.Item, y.Item);
            return byItem != 0 ? byItem : x.Source.CompareTo(y.Source);
        }
    }
}
