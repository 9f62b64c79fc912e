using System.Diagnostics.CodeAnalysis;
using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Runs;

/// <summary>
/// The instruments a run trades, by id, in the order the settings list them. The last instrument found is remembered,
/// so a run of events of one instrument (every bar of a single-instrument backtest) skips the dictionary.
/// </summary>
internal sealed class InstrumentCatalog
{
    private readonly Dictionary<InstrumentId, Instrument> _byId = [];
    private Instrument? _last;

    /// <exception cref="ArgumentException">An instrument is listed twice.</exception>
    public InstrumentCatalog(IReadOnlyList<Instrument> instruments)
    {
        foreach (var instrument in instruments)
        {
            if (!_byId.TryAdd(instrument.Id, instrument))
            {
                throw new ArgumentException($"Instrument {instrument.Id} is listed twice.", nameof(instruments));
            }
        }

        All = instruments;
    }

    public IReadOnlyList<Instrument> All { get; }

    public bool TryGet(InstrumentId id, [NotNullWhen(true)] out Instrument? instrument)
    {
        if (_last is { } last && last.Id == id)
        {
            instrument = last;
            return true;
        }

        if (_byId.TryGetValue(id, out instrument))
        {
            _last = instrument;
            return true;
        }

        return false;
    }

    /// <exception cref="KeyNotFoundException">The run does not trade the instrument (risk lets no such order through).</exception>
    public Instrument Get(InstrumentId id) =>
        TryGet(id, out var instrument) ? instrument : throw new KeyNotFoundException($"The run does not trade {id}.");

    public bool Contains(InstrumentId id) => TryGet(id, out _);
}
