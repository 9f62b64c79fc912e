namespace Bourse.Persistence.Entities;

/// <summary>A signal a run recorded (table <c>signals</c>). Prices in quote currency, quantities in base units.</summary>
public sealed class SignalEntity
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>The run.</summary>
    public Guid RunId { get; set; }

    /// <summary>Number of the signal within the run, from 1.</summary>
    public long SignalId { get; set; }

    /// <summary>buy, sell or hold.</summary>
    public string SignalType { get; set; } = "";

    /// <summary>Instrument id, e.g. BTCUSD.COINBASE.</summary>
    public string Symbol { get; set; } = "";

    /// <summary>Venue, e.g. COINBASE.</summary>
    public string Venue { get; set; } = "";

    /// <summary>Strength in 0..1.</summary>
    public double Strength { get; set; }

    /// <summary>Reference price, if given.</summary>
    public decimal? Price { get; set; }

    /// <summary>Quantity, if given.</summary>
    public decimal? Quantity { get; set; }

    /// <summary>True when it produced an order.</summary>
    public bool Executed { get; set; }

    /// <summary>The order it produced.</summary>
    public string? OrderId { get; set; }

    /// <summary>Why it was not executed.</summary>
    public string? Reason { get; set; }

    /// <summary>Metadata as a JSON object, or null.</summary>
    public string? MetadataJson { get; set; }

    /// <summary>Named indicator values the signal was decided on, as a JSON object of numbers, or null.</summary>
    public string? IndicatorsJson { get; set; }

    /// <summary>Run time of the signal, UTC.</summary>
    public DateTime Timestamp { get; set; }
}
