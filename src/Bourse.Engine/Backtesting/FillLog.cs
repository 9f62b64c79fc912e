using System.Buffers.Binary;
using System.Collections;
using System.Runtime.CompilerServices;
using Bourse.Engine.Storage;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Values;

namespace Bourse.Engine.Backtesting;

/// <summary>
/// The fills of a backtest report, in order, kept as an append-only byte stream: a backtest writes hundreds of thousands
/// of fills to fresh memory, whose first touch is most of what keeping a fill costs, so each <see cref="OrderFilled"/> is
/// encoded in as few bytes as it allows (5 to 7 for a one-instrument minute-bar strategy: 6.7 for the EMA crossover over
/// 10 M SPY bars, against 112 for a struct of its values), in byte arrays the garbage collector neither scans nor moves,
/// and rebuilt when read: equal to the one the run published, every decimal bit for bit the same (1.0 stays 1.0, not 1).
/// </summary>
/// <remarks>
/// <para>
/// Layout: byte arrays (chunks of 4 KB doubling to 64 KB, below the large object heap's 85,000 bytes so they are written in the garbage collector's recycled young memory rather than freshly mapped pages; growing never copies) hold the fills one after the other; a fill
/// never spans two chunks. Each fill is a header byte of flags (side, maker, order and trade id both one past the previous
/// fill's, same instrument and currency, same quantity, same commission, a complete fill: leaves 0 and cumulative equal,
/// bit for bit, to the quantity), then only what the flags do not say, as LEB128 varints: the order and trade id numbers as
/// differences from the previous ones (zigzag), the timestamp (ticks and kind) as a difference in minutes, seconds or
/// ticks, the instrument and currency indexes, and each decimal either as its difference from the same field of the
/// previous fill (same sign and scale; small differences inside the decimal's head byte) or as a head byte (scale, sign)
/// and its 96-bit mantissa (<see cref="DecimalCoding"/>, <see cref="Varint"/>).
/// Rare cases (ids that are not the engine's numbered ones, kept aside in lists and written as their index there; a side
/// outside the enum) set a second header byte.
/// </para>
/// <para>
/// Every 64th fill is a checkpoint: its differences are taken from zero, and its position is kept, so reading fill
/// <c>i</c> decodes at most 64 fills from the checkpoint before it; the enumerator decodes the stream in one pass.
/// </para>
/// </remarks>
internal sealed class FillLog : IReadOnlyList<OrderFilled>
{
    /// <summary>The most bytes one fill takes: 2 header bytes, a side (5), 2 ids (10 each), a timestamp (10), 2 indexes (3 + 5) and 5 decimals (1 + 10 + 5 each).</summary>
    private const int MaxFillBytes = 2 + 5 + 20 + 10 + 8 + (5 * 16);

    private const int FirstChunkBytes = 4 << 10;
    private const int LastChunkBytes = 64 << 10;
    private const int CheckpointEvery = 64;

    // The header byte.
    private const int Sell = 1;
    private const int Maker = 2;
    private const int NextIds = 4;
    private const int SameInstrumentAndCurrency = 8;
    private const int SameQuantity = 16;
    private const int SameCommission = 32;
    private const int Complete = 64;
    private const int Extended = 128;

    // The second header byte (when Extended).
    private const int OtherOrderId = 1;
    private const int OtherTradeId = 2;
    private const int OtherSide = 4;

    // The timestamp's unit, in the low 2 bits of its varint.
    private const ulong InTicks = 0;
    private const ulong InSeconds = 1;
    private const ulong InMinutes = 2;
    private const ulong Absolute = 3;
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;
    private const long TicksPerMinute = TimeSpan.TicksPerMinute;

    private readonly List<byte[]> _chunks = [];
    private readonly List<int> _chunkLengths = [];
    private readonly List<long> _checkpoints = [];
    private readonly InstrumentIndex _instruments = new();
    private readonly List<string> _currencies = [];
    private readonly List<ClientOrderId> _otherOrderIds = [];
    private readonly List<TradeId> _otherTradeIds = [];
    private byte[] _chunk = [];
    private int _used;
    private Values _last;

    /// <summary>The number of fills.</summary>
    public int Count { get; private set; }

    /// <summary>The bytes the encoded fills take (not counting the unused ends of chunks, nor the lists of other ids).</summary>
    public long EncodedBytes => _chunkLengths.Sum(static length => (long)length) + _used;

    /// <summary>The fill at <paramref name="index"/> (0 = the first), decoded from the checkpoint before it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative or not below <see cref="Count"/>.</exception>
    public OrderFilled this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var checkpoint = _checkpoints[index / CheckpointEvery];
            var reader = new Reader(this, (int)(checkpoint >> 32), (int)checkpoint);
            for (var i = index % CheckpointEvery; i >= 0; i--)
            {
                reader.Next();
            }

            return reader.Fill();
        }
    }

    /// <summary>Appends a fill.</summary>
    /// <exception cref="InvalidOperationException">More than 65,536 instruments.</exception>
    public void Add(OrderFilled fill)
    {
        if (_chunk.Length - _used < MaxFillBytes)
        {
            NewChunk();
        }

        if (Count % CheckpointEvery == 0)
        {
            _checkpoints.Add(((long)(_chunks.Count - 1) << 32) | (uint)_used);
            _last = default;
        }

        _used += Encode(fill, _chunk.AsSpan(_used, MaxFillBytes));
        Count++;
    }

    /// <inheritdoc />
    public IEnumerator<OrderFilled> GetEnumerator()
    {
        var reader = new Reader(this, 0, 0);
        for (var i = 0; i < Count; i++)
        {
            if (i % CheckpointEvery == 0)
            {
                reader.Restart();
            }

            reader.Next();
            yield return reader.Fill();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void NewChunk()
    {
        if (_chunks.Count > 0)
        {
            _chunkLengths.Add(_used);
        }

        _chunk = GC.AllocateUninitializedArray<byte>(_chunk.Length == 0 ? FirstChunkBytes : Math.Min(_chunk.Length * 2, LastChunkBytes));
        _chunks.Add(_chunk);
        _used = 0;
    }

    /// <summary>Encodes <paramref name="fill"/> after the fill <see cref="_last"/> holds, and makes it the last; returns the bytes written.</summary>
    private int Encode(OrderFilled fill, Span<byte> to)
    {
        ref var last = ref _last;
        var order = fill.OrderId.Number;
        var trade = fill.TradeId.Number;
        var side = (int)fill.Side;
        var time = Unsafe.BitCast<DateTime, long>(fill.Timestamp); // the ticks and the kind, exactly
        int instrument = _instruments.IndexOf(fill.Instrument);
        var currency = CurrencyIndex(fill.Commission.Currency, last.Currency);
        var quantity = new DecimalBits(fill.FillQuantity.Value);
        var commission = new DecimalBits(fill.Commission.Amount);
        var leaves = new DecimalBits(fill.LeavesQuantity.Value);
        var cumulative = new DecimalBits(fill.CumulativeQuantity.Value);

        var header = 0;
        var extended = 0;
        if ((uint)side > 1)
        {
            extended |= OtherSide;
        }
        else if (side == 1)
        {
            header |= Sell;
        }

        if (fill.IsMaker)
        {
            header |= Maker;
        }

        if (order <= 0)
        {
            extended |= OtherOrderId;
        }

        if (trade <= 0)
        {
            extended |= OtherTradeId;
        }

        if (order > 0 && trade > 0 && order == last.Order + 1 && trade == last.Trade + 1)
        {
            header |= NextIds;
        }

        if (instrument == last.Instrument && currency == last.Currency)
        {
            header |= SameInstrumentAndCurrency;
        }

        if (quantity == last.Quantity)
        {
            header |= SameQuantity;
        }

        if (commission == last.Commission)
        {
            header |= SameCommission;
        }

        if (leaves == default && cumulative == quantity)
        {
            header |= Complete;
        }

        if (extended != 0)
        {
            header |= Extended;
        }

        var at = 0;
        to[at++] = (byte)header;
        if (extended != 0)
        {
            to[at++] = (byte)extended;
            if ((extended & OtherSide) != 0)
            {
                Varint.Write(to, ref at, Varint.ZigZag(side));
            }
        }

        if ((header & NextIds) != 0)
        {
            last.Order = order;
            last.Trade = trade;
        }
        else
        {
            Varint.Write(to, ref at, order > 0 ? Varint.ZigZag(order - last.Order) : (ulong)Other(_otherOrderIds, fill.OrderId));
            Varint.Write(to, ref at, trade > 0 ? Varint.ZigZag(trade - last.Trade) : (ulong)Other(_otherTradeIds, fill.TradeId));
            last.Order = order > 0 ? order : last.Order;
            last.Trade = trade > 0 ? trade : last.Trade;
        }

        var elapsed = unchecked(time - last.Time);
        var timeCode = elapsed % TicksPerMinute == 0 ? (Varint.ZigZag(elapsed / TicksPerMinute) << 2) | InMinutes
            : elapsed % TicksPerSecond == 0 ? (Varint.ZigZag(elapsed / TicksPerSecond) << 2) | InSeconds
            : Varint.ZigZag(elapsed) < 1UL << 62 ? (Varint.ZigZag(elapsed) << 2) | InTicks
            : Absolute;
        Varint.Write(to, ref at, timeCode);
        if (timeCode == Absolute)
        {
            BinaryPrimitives.WriteInt64LittleEndian(to[at..], time);
            at += sizeof(long);
        }

        last.Time = time;

        if ((header & SameInstrumentAndCurrency) == 0)
        {
            Varint.Write(to, ref at, (ulong)instrument);
            Varint.Write(to, ref at, (ulong)currency);
            last.Instrument = instrument;
            last.Currency = currency;
        }

        DecimalCoding.Write(to, ref at, new DecimalBits(fill.FillPrice.Value), ref last.Price);
        if ((header & SameQuantity) == 0)
        {
            DecimalCoding.Write(to, ref at, quantity, ref last.Quantity);
        }

        if ((header & SameCommission) == 0)
        {
            DecimalCoding.Write(to, ref at, commission, ref last.Commission);
        }

        if ((header & Complete) == 0)
        {
            DecimalCoding.Write(to, ref at, leaves, ref last.Leaves);
            DecimalCoding.Write(to, ref at, cumulative, ref last.Cumulative);
        }
        else
        {
            last.Leaves = leaves;
            last.Cumulative = cumulative;
        }

        return at;
    }

    /// <summary>Keeps an id that is not a numbered one aside; returns its index there.</summary>
    private static int Other<TId>(List<TId> others, TId id)
    {
        others.Add(id);
        return others.Count - 1;
    }

    private int CurrencyIndex(string currency, int guess)
    {
        if (guess < _currencies.Count && _currencies[guess] == currency)
        {
            return guess;
        }

        var i = _currencies.IndexOf(currency);
        if (i < 0)
        {
            i = _currencies.Count;
            _currencies.Add(currency);
        }

        return i;
    }

    /// <summary>The values of the last fill encoded or decoded, the base of the next one's differences (all zero at a checkpoint).</summary>
    private struct Values
    {
        public long Order;
        public long Trade;
        public long Time;
        public int Instrument;
        public int Currency;
        public DecimalBits Price;
        public DecimalBits Quantity;
        public DecimalBits Commission;
        public DecimalBits Leaves;
        public DecimalBits Cumulative;
    }

    /// <summary>Decodes the fills one after the other from a position in the stream.</summary>
    private struct Reader(FillLog log, int chunk, int offset)
    {
        private int _chunk = chunk;
        private int _offset = offset;
        private Values _last;
        private int _header;
        private int _side;
        private int _otherOrder;
        private int _otherTrade;

        /// <summary>Takes the next differences from zero (the next fill is a checkpoint).</summary>
        public void Restart() => _last = default;

        /// <summary>Decodes the next fill.</summary>
        public void Next()
        {
            if (_chunk < log._chunkLengths.Count && _offset == log._chunkLengths[_chunk])
            {
                _chunk++;
                _offset = 0;
            }

            ReadOnlySpan<byte> from = log._chunks[_chunk];
            var at = _offset;
            _header = from[at++];
            var extended = (_header & Extended) != 0 ? from[at++] : 0;
            _side = (extended & OtherSide) != 0 ? (int)Varint.UnZigZag(Varint.Read(from, ref at)) : _header & Sell;
            _otherOrder = -1;
            _otherTrade = -1;
            if ((_header & NextIds) != 0)
            {
                _last.Order++;
                _last.Trade++;
            }
            else
            {
                var order = Varint.Read(from, ref at);
                var trade = Varint.Read(from, ref at);
                if ((extended & OtherOrderId) != 0)
                {
                    _otherOrder = (int)order;
                }
                else
                {
                    _last.Order += Varint.UnZigZag(order);
                }

                if ((extended & OtherTradeId) != 0)
                {
                    _otherTrade = (int)trade;
                }
                else
                {
                    _last.Trade += Varint.UnZigZag(trade);
                }
            }

            var timeCode = Varint.Read(from, ref at);
            if (timeCode == Absolute)
            {
                _last.Time = BinaryPrimitives.ReadInt64LittleEndian(from[at..]);
                at += sizeof(long);
            }
            else
            {
                var elapsed = Varint.UnZigZag(timeCode >> 2);
                _last.Time = unchecked(_last.Time + ((timeCode & 3) switch
                {
                    InMinutes => elapsed * TicksPerMinute,
                    InSeconds => elapsed * TicksPerSecond,
                    _ => elapsed,
                }));
            }

            if ((_header & SameInstrumentAndCurrency) == 0)
            {
                _last.Instrument = (int)Varint.Read(from, ref at);
                _last.Currency = (int)Varint.Read(from, ref at);
            }

            _last.Price = DecimalCoding.Read(from, ref at, _last.Price);
            if ((_header & SameQuantity) == 0)
            {
                _last.Quantity = DecimalCoding.Read(from, ref at, _last.Quantity);
            }

            if ((_header & SameCommission) == 0)
            {
                _last.Commission = DecimalCoding.Read(from, ref at, _last.Commission);
            }

            if ((_header & Complete) == 0)
            {
                _last.Leaves = DecimalCoding.Read(from, ref at, _last.Leaves);
                _last.Cumulative = DecimalCoding.Read(from, ref at, _last.Cumulative);
            }
            else
            {
                _last.Leaves = default;
                _last.Cumulative = _last.Quantity;
            }

            _offset = at;
        }

        /// <summary>The fill <see cref="Next"/> decoded.</summary>
        public readonly OrderFilled Fill() => new(
            _otherOrder >= 0 ? log._otherOrderIds[_otherOrder] : ClientOrderId.Numbered(_last.Order),
            log._instruments[(ushort)_last.Instrument],
            Unsafe.BitCast<long, DateTime>(_last.Time),
            _otherTrade >= 0 ? log._otherTradeIds[_otherTrade] : TradeId.Numbered(_last.Trade),
            (Side)_side,
            new Price(_last.Price.Value),
            new Quantity(_last.Quantity.Value),
            new Money(_last.Commission.Value, log._currencies[_last.Currency]),
            new Quantity(_last.Leaves.Value),
            (_header & Maker) != 0,
            new Quantity(_last.Cumulative.Value));
    }
}
