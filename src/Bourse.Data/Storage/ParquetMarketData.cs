using System.Globalization;
using Bourse.Data.Files;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Parquet;
using Parquet.Schema;

namespace Bourse.Data.Storage;

/// <summary>The kinds of rows a Bourse Parquet file holds (its <c>bourse.kind</c> metadata).</summary>
public enum ParquetDataKind
{
    /// <summary>Trade bars: <c>instrument, open_time_ns, period_ns, open, high, low, close, volume</c>.</summary>
    Bars,

    /// <summary>Trade ticks: <c>instrument, timestamp_ns, aggressor, price, size</c>.</summary>
    Trades,

    /// <summary>Quote ticks: <c>instrument, timestamp_ns, bid, ask, bid_size, ask_size</c>.</summary>
    Quotes,
}

/// <summary>
/// Bourse's own storage format: Apache Parquet files (written and read with Parquet.Net), one kind of row per file,
/// any number of instruments, rows in time order, in row groups of <see cref="RowGroupSize"/> rows so reads stream.
/// Every column is a plain INT32/INT64 column, which Parquet.Net reads and writes fast:
/// <list type="bullet">
/// <item><c>instrument</c>: int32 index into the file metadata <c>bourse.instruments</c> (comma-separated <c>SYMBOL.VENUE</c> ids).</item>
/// <item><c>open_time_ns</c> / <c>timestamp_ns</c>: int64 nanoseconds since the Unix epoch, UTC; <c>period_ns</c>: int64 bar period in ns.</item>
/// <item>prices, sizes and volumes: exact decimals as int64 mantissas; the value is mantissa ÷ 10^scale, with one scale per
/// column and row group (the largest scale of its values, at most 18) listed in the metadata <c>bourse.scales</c>
/// as <c>column:s0,s1,…;…</c>. A value needing more than 18 decimals is rounded to 18.</item>
/// <item><c>aggressor</c>: int64 1 = buy, -1 = sell, 0 = not known.</item>
/// <item>metadata <c>bourse.kind</c> = <c>bars</c> | <c>trades</c> | <c>quotes</c>, <c>bourse.version</c> = <c>1</c>.</item>
/// </list>
/// Writes are async (Parquet.Net's API); reads are lazy enumerables that block on one row group at a time.
/// </summary>
public static class ParquetMarketData
{
    /// <summary>Rows per row group.</summary>
    public const int RowGroupSize = 100_000;

    private const string KindKey = "bourse.kind";
    private const string VersionKey = "bourse.version";
    private const string InstrumentsKey = "bourse.instruments";
    private const string ScalesKey = "bourse.scales";
    private const int MaxScale = 18;

    private static readonly DataField<int> InstrumentField = new("instrument");

    private static readonly ParquetLayout<Bar> BarLayout = new(
        ParquetDataKind.Bars,
        "open_time_ns",
        b => b.Instrument,
        b => b.OpenTime,
        [("period_ns", b => b.Period.Span.Ticks * 100)],
        [("open", b => b.Open), ("high", b => b.High), ("low", b => b.Low), ("close", b => b.Close), ("volume", b => b.Volume)],
        (id, time, l, d, i) => new Bar(id, new BarPeriod(TimeSpan.FromTicks(l[0][i] / 100)), time, d[0][i], d[1][i], d[2][i], d[3][i], d[4][i]));

    private static readonly ParquetLayout<TradeTick> TradeLayout = new(
        ParquetDataKind.Trades,
        "timestamp_ns",
        t => t.Instrument,
        t => t.Timestamp,
        [("aggressor", t => t.Aggressor switch { Side.Buy => 1, Side.Sell => -1, _ => 0 })],
        [("price", t => t.Price), ("size", t => t.Size)],
        (id, time, l, d, i) => new TradeTick(id, d[0][i], d[1][i], l[0][i] switch { 1 => Side.Buy, -1 => Side.Sell, _ => null }, time));

    private static readonly ParquetLayout<QuoteTick> QuoteLayout = new(
        ParquetDataKind.Quotes,
        "timestamp_ns",
        q => q.Instrument,
        q => q.Timestamp,
        [],
        [("bid", q => q.Bid), ("ask", q => q.Ask), ("bid_size", q => q.BidSize), ("ask_size", q => q.AskSize)],
        (id, time, l, d, i) => new QuoteTick(id, d[0][i], d[1][i], d[2][i], d[3][i], time));

    /// <summary>Writes bars to a new file (replacing one that exists).</summary>
    /// <returns>The number of rows written.</returns>
    /// <exception cref="ArgumentException">A value's mantissa does not fit in 64 bits at its scale.</exception>
    public static Task<long> WriteBarsAsync(string path, IEnumerable<Bar> bars, CancellationToken cancellationToken = default) =>
        WriteAsync(path, BarLayout, bars, cancellationToken);

    /// <summary>Writes trade ticks to a new file (replacing one that exists).</summary>
    /// <returns>The number of rows written.</returns>
    /// <exception cref="ArgumentException">A value's mantissa does not fit in 64 bits at its scale.</exception>
    public static Task<long> WriteTradesAsync(string path, IEnumerable<TradeTick> trades, CancellationToken cancellationToken = default) =>
        WriteAsync(path, TradeLayout, trades, cancellationToken);

    /// <summary>Writes quote ticks to a new file (replacing one that exists).</summary>
    /// <returns>The number of rows written.</returns>
    /// <exception cref="ArgumentException">A value's mantissa does not fit in 64 bits at its scale.</exception>
    public static Task<long> WriteQuotesAsync(string path, IEnumerable<QuoteTick> quotes, CancellationToken cancellationToken = default) =>
        WriteAsync(path, QuoteLayout, quotes, cancellationToken);

    /// <summary>Reads the bars of a file written by <see cref="WriteBarsAsync"/>, lazily.</summary>
    /// <exception cref="DataFileException">The file is not a Bourse bar file, or is corrupt.</exception>
    public static IEnumerable<Bar> ReadBars(string path) => Read(path, BarLayout);

    /// <summary>Reads the trade ticks of a file written by <see cref="WriteTradesAsync"/>, lazily.</summary>
    /// <exception cref="DataFileException">The file is not a Bourse trade file, or is corrupt.</exception>
    public static IEnumerable<TradeTick> ReadTrades(string path) => Read(path, TradeLayout);

    /// <summary>Reads the quote ticks of a file written by <see cref="WriteQuotesAsync"/>, lazily.</summary>
    /// <exception cref="DataFileException">The file is not a Bourse quote file, or is corrupt.</exception>
    public static IEnumerable<QuoteTick> ReadQuotes(string path) => Read(path, QuoteLayout);

    /// <summary>The kind of a Bourse Parquet file, from its metadata.</summary>
    /// <exception cref="DataFileException">The file is not Parquet, or not written by Bourse.</exception>
    public static ParquetDataKind KindOf(string path)
    {
        using var reader = Open(path);
        return Kind(path, reader.Value);
    }

    /// <summary>The instruments listed in a Bourse Parquet file's metadata.</summary>
    /// <exception cref="DataFileException">The file is not a Bourse Parquet file.</exception>
    public static IReadOnlyList<InstrumentId> InstrumentsOf(string path)
    {
        using var reader = Open(path);
        return Instruments(path, reader.Value);
    }

    /// <summary>The number of rows of a Parquet file, from its footer.</summary>
    /// <exception cref="DataFileException">The file is not Parquet.</exception>
    public static long RowCount(string path)
    {
        using var reader = Open(path);
        return reader.Value.RowGroups.Sum(g => g.RowCount);
    }

    private static async Task<long> WriteAsync<T>(string path, ParquetLayout<T> layout, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var timeField = new DataField<long>(layout.TimeColumn);
        var longFields = layout.Longs.Select(c => new DataField<long>(c.Name)).ToArray();
        var decimalFields = layout.Decimals.Select(c => new DataField<long>(c.Name)).ToArray();
        var schema = new ParquetSchema([InstrumentField, timeField, .. longFields, .. decimalFields]);
        var instruments = new Dictionary<InstrumentId, int>();
        var scales = layout.Decimals.Select(_ => new List<int>()).ToArray();
        long written = 0;
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (writer.ConfigureAwait(false))
            {
                var buffer = new List<T>(RowGroupSize);
                foreach (var row in rows)
                {
                    buffer.Add(row);
                    if (buffer.Count == RowGroupSize)
                    {
                        await FlushAsync().ConfigureAwait(false);
                    }
                }

                if (buffer.Count > 0 || written == 0)
                {
                    await FlushAsync().ConfigureAwait(false);
                }

                writer.CustomMetadata = new Dictionary<string, string>
                {
                    [KindKey] = Name(layout.Kind),
                    [VersionKey] = "1",
                    [InstrumentsKey] = string.Join(',', instruments.OrderBy(p => p.Value).Select(p => p.Key.ToString())),
                    [ScalesKey] = string.Join(';', layout.Decimals.Select((c, i) => $"{c.Name}:{string.Join(',', scales[i])}")),
                };

                async Task FlushAsync()
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var group = writer.CreateRowGroup();
                    var ids = new int[buffer.Count];
                    var times = new long[buffer.Count];
                    for (var i = 0; i < buffer.Count; i++)
                    {
                        var id = layout.Instrument(buffer[i]);
                        if (!instruments.TryGetValue(id, out ids[i]))
                        {
                            instruments[id] = ids[i] = instruments.Count;
                        }

                        times[i] = (layout.Time(buffer[i]).Ticks - DateTime.UnixEpoch.Ticks) * 100;
                    }

                    await group.WriteAsync<int>(InstrumentField, ids, cancellationToken: cancellationToken).ConfigureAwait(false);
                    await group.WriteAsync<long>(timeField, times, cancellationToken: cancellationToken).ConfigureAwait(false);
                    for (var c = 0; c < longFields.Length; c++)
                    {
                        var get = layout.Longs[c].Get;
                        await group.WriteAsync<long>(longFields[c], buffer.Select(get).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                    }

                    for (var c = 0; c < decimalFields.Length; c++)
                    {
                        var (mantissas, scale) = Mantissas(buffer.Select(layout.Decimals[c].Get).ToArray(), layout.Decimals[c].Name);
                        scales[c].Add(scale);
                        await group.WriteAsync<long>(decimalFields[c], mantissas, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }

                    written += buffer.Count;
                    buffer.Clear();
                }
            }
        }

        return written;
    }

    private static (long[] Mantissas, int Scale) Mantissas(decimal[] values, string column)
    {
        var scale = 0;
        foreach (var value in values)
        {
            scale = Math.Max(scale, value.Scale);
        }

        scale = Math.Min(scale, MaxScale);
        var mantissas = new long[values.Length];
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < values.Length; i++)
        {
            var value = decimal.Round(values[i], scale);
            decimal.GetBits(value, bits);
            if (bits[2] != 0 || (bits[1] & int.MinValue) != 0)
            {
                throw new ArgumentException($"{column} {value} has more than 18 significant digits at scale {scale}; it does not fit Bourse's Parquet format.");
            }

            var units = ((long)(uint)bits[1] << 32) | (uint)bits[0];
            for (var s = value.Scale; s < scale; s++)
            {
                units = checked(units * 10);
            }

            mantissas[i] = value < 0 ? -units : units;
        }

        return (mantissas, scale);
    }

    private static IEnumerable<T> Read<T>(string path, ParquetLayout<T> layout)
    {
        using var reader = Open(path);
        var actual = Kind(path, reader.Value);
        if (actual != layout.Kind)
        {
            throw new DataFileException(path, null, null, $"the file holds {Name(actual)}, not {Name(layout.Kind)}");
        }

        var instruments = Instruments(path, reader.Value);
        var scales = Scales(path, reader.Value, layout);
        var fields = reader.Value.Schema.DataFields;
        for (var g = 0; g < reader.Value.RowGroupCount; g++)
        {
            T[] rows;
            try
            {
                using var group = reader.Value.OpenRowGroupReader(g);
                var count = checked((int)group.RowCount);
                var ids = Column<int>(group, Field(path, fields, InstrumentField.Name), count);
                var times = Column<long>(group, Field(path, fields, layout.TimeColumn), count);
                var longs = layout.Longs.Select(c => Column<long>(group, Field(path, fields, c.Name), count)).ToArray();
                var decimals = layout.Decimals.Select((c, i) => Decimals(Column<long>(group, Field(path, fields, c.Name), count), scales[i][g])).ToArray();
                rows = new T[count];
                for (var i = 0; i < count; i++)
                {
                    var id = (uint)ids[i] < (uint)instruments.Count ? instruments[ids[i]] : throw new DataFileException(path, null, null, $"row group {g} row {i}: instrument index {ids[i]} is not in {InstrumentsKey}");
                    rows[i] = layout.Create(id, new DateTime(DateTime.UnixEpoch.Ticks + (times[i] / 100), DateTimeKind.Utc), longs, decimals, i);
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or InvalidOperationException or IndexOutOfRangeException)
            {
                throw new DataFileException(path, null, null, $"row group {g}: {e.Message}", e);
            }

            foreach (var row in rows)
            {
                yield return row;
            }
        }
    }

    private static decimal[] Decimals(long[] mantissas, int scale)
    {
        var values = new decimal[mantissas.Length];
        for (var i = 0; i < mantissas.Length; i++)
        {
            var m = mantissas[i];
            var units = (ulong)(m < 0 ? -m : m);
            values[i] = new decimal((int)(uint)units, (int)(uint)(units >> 32), 0, m < 0, (byte)scale);
        }

        return values;
    }

    private static DataField Field(string path, DataField[] fields, string name) =>
        Array.Find(fields, f => f.Name == name) ?? throw new DataFileException(path, null, null, $"the file has no {name} column");

    private static T[] Column<T>(ParquetRowGroupReader group, DataField field, int count)
        where T : struct
    {
        var values = new T[count];
        group.ReadAsync<T>(field, values.AsMemory()).AsTask().GetAwaiter().GetResult();
        return values;
    }

    private static Reader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No file {path}.", path);
        }

        try
        {
            return new Reader(ParquetReader.CreateAsync(path).GetAwaiter().GetResult());
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
        {
            throw new DataFileException(path, null, null, $"not a Parquet file ({e.Message})", e);
        }
    }

    private static ParquetDataKind Kind(string path, ParquetReader reader) =>
        reader.CustomMetadata.TryGetValue(KindKey, out var kind) && kind switch
        {
            "bars" => ParquetDataKind.Bars,
            "trades" => ParquetDataKind.Trades,
            "quotes" => ParquetDataKind.Quotes,
            _ => (ParquetDataKind?)null,
        } is { } known
            ? known
            : throw new DataFileException(path, null, null, $"not a Bourse Parquet file (no {KindKey} metadata of bars, trades or quotes)");

    private static List<InstrumentId> Instruments(string path, ParquetReader reader)
    {
        Kind(path, reader);
        var text = reader.CustomMetadata.TryGetValue(InstrumentsKey, out var list) ? list : string.Empty;
        return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => InstrumentId.TryParse(id, out var parsed)
            ? parsed
            : throw new DataFileException(path, null, null, $"{InstrumentsKey} holds '{id}', not SYMBOL.VENUE"))];
    }

    private static int[][] Scales<T>(string path, ParquetReader reader, ParquetLayout<T> layout)
    {
        var text = reader.CustomMetadata.TryGetValue(ScalesKey, out var value) ? value : string.Empty;
        var byColumn = text.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split(':'))
            .Where(part => part.Length == 2)
            .ToDictionary(part => part[0], part => part[1].Split(',', StringSplitOptions.RemoveEmptyEntries));
        return [.. layout.Decimals.Select(c =>
        {
            var scales = byColumn.TryGetValue(c.Name, out var list) ? list : [];
            var parsed = scales.Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= MaxScale ? n : -1).ToArray();
            return parsed.Length == reader.RowGroupCount && !parsed.Contains(-1)
                ? parsed
                : throw new DataFileException(path, null, null, $"{ScalesKey} has no valid scale per row group for {c.Name}");
        })];
    }

    private static string Name(ParquetDataKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Disposes the async-disposable reader synchronously.</summary>
    private sealed class Reader(ParquetReader value) : IDisposable
    {
        public ParquetReader Value { get; } = value;

        public void Dispose() => Value.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
