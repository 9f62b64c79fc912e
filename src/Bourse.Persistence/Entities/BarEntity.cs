namespace Bourse.Persistence.Entities;

/// <summary>A bar published by the market data feed (table <c>bars</c>). Prices in quote currency, volume in base units.</summary>
public sealed class BarEntity
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Instrument id.</summary>
    public string Symbol { get; set; } = "";

    /// <summary>Bar period in seconds (60 = one minute).</summary>
    public int PeriodSeconds { get; set; }

    /// <summary>Open time, UTC (feed clock).</summary>
    public DateTime OpenTime { get; set; }

    /// <summary>Open price.</summary>
    public decimal Open { get; set; }

    /// <summary>High price.</summary>
    public decimal High { get; set; }

    /// <summary>Low price.</summary>
    public decimal Low { get; set; }

    /// <summary>Close price.</summary>
    public decimal Close { get; set; }

    /// <summary>Volume.</summary>
    public decimal Volume { get; set; }
}
