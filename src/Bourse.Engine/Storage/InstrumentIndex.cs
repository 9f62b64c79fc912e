using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Storage;

/// <summary>
/// Numbers the instruments a compact record refers to (0, 1, 2… in order of first use), so a record holds a 2-byte index
/// instead of an <see cref="InstrumentId"/> and its two string references.
/// </summary>
internal sealed class InstrumentIndex
{
    private readonly List<InstrumentId> _instruments = [];
    private readonly Dictionary<InstrumentId, ushort> _indexes = [];
    private ushort _last;

    /// <summary>The instrument numbered <paramref name="index"/>.</summary>
    public InstrumentId this[ushort index] => _instruments[index];

    /// <summary>The number of <paramref name="instrument"/>, numbering it when it is new.</summary>
    /// <exception cref="InvalidOperationException">More than 65,536 instruments.</exception>
    public ushort IndexOf(InstrumentId instrument)
    {
        if (_instruments.Count > 0 && _instruments[_last] == instrument)
        {
            return _last;
        }

        if (!_indexes.TryGetValue(instrument, out var index))
        {
            if (_instruments.Count > ushort.MaxValue)
            {
                throw new InvalidOperationException("More than 65,536 instruments in one run.");
            }

            index = (ushort)_instruments.Count;
            _instruments.Add(instrument);
            _indexes.Add(instrument, index);
        }

        return _last = index;
    }
}
