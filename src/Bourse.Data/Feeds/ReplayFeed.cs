using System.Runtime.CompilerServices;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Feeds;

/// <summary>
/// Replays historical bars as a live feed.
/// <list type="bullet">
/// <item>The feed starts at the wall clock's now at construction, floored to the largest bar period among the
/// instruments (so 1m, 1h and 1d series all open on their own boundaries); or, when <see cref="ReplayOptions.ResumeAfter"/>
/// is later, at that time rounded up to the largest period, so a replay restarted after bars it already published
/// continues after them instead of going back to now. A <see cref="ReplayOptions.ResumeAfter"/> so late that the data's
/// first pass would end after <see cref="DateTime.MaxValue"/> is ignored (<see cref="Start"/> is then before it).
/// Every instrument's series is shifted so its first bar opens at that start; instruments therefore start together
/// whatever their original dates.</item>
/// <item><see cref="Clock"/> (a <see cref="ReplayClock"/>) reads the start at construction and runs at
/// <see cref="ReplayOptions.Speed"/> × wall time: at 60, a 1-minute bar is released every wall second.</item>
/// <item><see cref="ReadAllAsync"/> yields the shifted bars of all instruments in close-time order (ties by instrument id),
/// each once <see cref="Clock"/> ≥ its <see cref="Bar.CloseTime"/>, waiting on the wall clock with
/// <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/>. Each enumeration starts from the first bar;
/// bars already due are yielded at once.</item>
/// <item>With <see cref="ReplayOptions.Loop"/>, after an instrument's last bar its series restarts shifted forward by its
/// span (last open − first open) plus one period, so its next first bar opens when its last bar closed: time never goes back.
/// Without it, the enumeration ends after the last bar.</item>
/// <item>Only subscribed instruments are published (<see cref="Subscriptions"/>): a bar whose instrument has no subscriber
/// when it comes due is skipped. The replay's time runs on regardless, so an instrument subscribed later starts at the
/// replay's current position, like a live feed.</item>
/// <item>Gaps (nights, weekends, quiet minutes) are replayed as they are: they stay gaps in market time. To make a
/// demo livelier, compress them first with <see cref="BarSeries.CompressGaps"/>.</item>
/// </list>
/// </summary>
public sealed class ReplayFeed : IMarketDataFeed
{
    private readonly Series[] series;
    private readonly ReplayClock clock;

    /// <summary>Creates a replay of <paramref name="bars"/> for <paramref name="instruments"/>.</summary>
    /// <param name="instruments">The instruments published; every bar must belong to one of them.</param>
    /// <param name="bars">The historical bars, in any order; one period per instrument.</param>
    /// <param name="options">Speed and looping.</param>
    /// <param name="wallClock">The real clock (a fake one in tests).</param>
    /// <exception cref="ArgumentOutOfRangeException">Speed is not a positive finite number.</exception>
    /// <exception cref="ArgumentException">There are no bars, a bar's instrument is not in <paramref name="instruments"/>,
    /// or an instrument has bars of more than one period.</exception>
    public ReplayFeed(IReadOnlyList<Instrument> instruments, IEnumerable<Bar> bars, ReplayOptions options, TimeProvider wallClock)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(wallClock);
        if (!double.IsFinite(options.Speed) || options.Speed <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Speed, "ReplayOptions.Speed must be a positive finite number.");
        }

        Instruments = instruments;
        Options = options;
        var known = instruments.Select(i => i.Id).ToHashSet();
        var groups = new Dictionary<InstrumentId, List<Bar>>();
        foreach (var bar in bars)
        {
            if (!known.Contains(bar.Instrument))
            {
                throw new ArgumentException($"Bar of {bar.Instrument} at {bar.OpenTime:O}: the instrument is not among the feed's instruments.", nameof(bars));
            }

            if (!groups.TryGetValue(bar.Instrument, out var list))
            {
                groups[bar.Instrument] = list = [];
            }

            if (list.Count > 0 && list[0].Period != bar.Period)
            {
                throw new ArgumentException($"{bar.Instrument} has bars of two periods ({list[0].Period} and {bar.Period}); a replay needs one period per instrument.", nameof(bars));
            }

            list.Add(bar);
        }

        if (groups.Count == 0)
        {
            throw new ArgumentException("There are no bars to replay.", nameof(bars));
        }

        var ordered = groups
            .OrderBy(g => g.Key.ToString(), StringComparer.Ordinal)
            .Select(g => g.Value.OrderBy(b => b.OpenTime).ToArray())
            .ToArray();
        var wallStart = wallClock.GetUtcNow();
        var start = StartAt(
            wallStart.UtcTicks,
            options.ResumeAfter,
            ordered.Max(b => b[0].Period.Span.Ticks),
            ordered.Max(b => (b[^1].CloseTime - b[0].OpenTime).Ticks));
        series = ordered.Select(b => new Series(b, start)).ToArray();
        clock = new ReplayClock(wallClock, wallStart, new DateTimeOffset(start), options.Speed);
        WallClock = wallClock;
        Subscriptions = new FeedSubscriptions(instruments);
    }

    /// <inheritdoc />
    public IReadOnlyList<Instrument> Instruments { get; }

    /// <inheritdoc />
    public TimeProvider Clock => clock;

    /// <inheritdoc />
    public FeedSubscriptions Subscriptions { get; }

    /// <summary>The market clock with its start and speed.</summary>
    public ReplayClock ReplayClock => clock;

    /// <summary>The options the feed was created with.</summary>
    public ReplayOptions Options { get; }

    /// <summary>The market time at which every series' first bar opens.</summary>
    public DateTime Start => clock.Start.UtcDateTime;

    private TimeProvider WallClock { get; }

    /// <inheritdoc />
    public async IAsyncEnumerable<Bar> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var queue = new PriorityQueue<Cursor, (DateTime Close, int Series)>();
        for (var i = 0; i < series.Length; i++)
        {
            var cursor = new Cursor(series[i]);
            queue.Enqueue(cursor, (cursor.Current.CloseTime, i));
        }

        while (queue.TryDequeue(out var cursor, out var key))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var due = clock.WallTimeAt(new DateTimeOffset(key.Close));
            var wait = due - WallClock.GetUtcNow();
            while (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, WallClock, cancellationToken).ConfigureAwait(false);
                wait = due - WallClock.GetUtcNow();
            }

            if (Subscriptions.IsSubscribed(cursor.Current.Instrument))
            {
                yield return cursor.Current;
            }

            if (cursor.MoveNext(Options.Loop))
            {
                queue.Enqueue(cursor, (cursor.Current.CloseTime, key.Series));
            }
        }
    }

    /// <summary>
    /// Now (<paramref name="nowTicks"/>) floored to <paramref name="largestPeriod"/>, or <paramref name="resumeAfter"/>
    /// rounded up to it when that is later and a first pass of <paramref name="longestPass"/> ticks from there ends by
    /// <see cref="DateTime.MaxValue"/>.
    /// </summary>
    private static DateTime StartAt(long nowTicks, DateTime? resumeAfter, long largestPeriod, long longestPass)
    {
        var start = nowTicks - (nowTicks % largestPeriod);
        if (resumeAfter is { Ticks: var after })
        {
            var resume = after + ((largestPeriod - (after % largestPeriod)) % largestPeriod);
            if (resume > start && resume <= DateTime.MaxValue.Ticks - longestPass)
            {
                start = resume;
            }
        }

        return new DateTime(start, DateTimeKind.Utc);
    }

    private sealed class Series(Bar[] bars, DateTime start)
    {
        public Bar[] Bars { get; } = bars;

        /// <summary>Shift of the first cycle: moves the first bar to the feed start.</summary>
        public TimeSpan FirstShift { get; } = start - bars[0].OpenTime;

        /// <summary>How far each further cycle is moved: span plus one period.</summary>
        public TimeSpan CycleLength { get; } = bars[^1].OpenTime - bars[0].OpenTime + bars[0].Period.Span;
    }

    private sealed class Cursor(Series series)
    {
        private int index;
        private long cycle;

        public Bar Current { get; private set; } = series.Bars[0].ShiftedBy(series.FirstShift);

        public bool MoveNext(bool loop)
        {
            index++;
            if (index == series.Bars.Length)
            {
                if (!loop)
                {
                    return false;
                }

                index = 0;
                cycle++;
            }

            Current = series.Bars[index].ShiftedBy(series.FirstShift + (series.CycleLength * cycle));
            return true;
        }
    }
}
