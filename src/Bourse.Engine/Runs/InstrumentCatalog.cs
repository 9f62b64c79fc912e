using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Runs;

/// <summary>The instruments a run trades, by id, in the order the settings list them.</summary>
internal sealed class InstrumentCatalog
{
    private readonly Dictionary<InstrumentId, Instrument> _byId = [];

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

    public bool TryGet(InstrumentId id, out Instrument instrument) => _byId.TryGetValue(id, out instrument!);

    /// <exception cref="KeyNotFoundException">The run does not trade the instrument (risk lets no such order through).</exception>
    public Instrument Get(InstrumentId id) => _byId[id];

    public bool Contains(InstrumentId id) => _byId.ContainsKey(id);
}
