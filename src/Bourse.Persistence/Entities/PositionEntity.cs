namespace Bourse.Persistence.Entities;

/// <summary>The current position of a run in one instrument (table <c>positions</c>, key run + symbol). Quote currency.</summary>
public sealed class PositionEntity
{
    /// <summary>The run.</summary>
    public Guid RunId { get; set; }

    /// <summary>Instrument id.</summary>
    public string Symbol { get; set; } = "";

    /// <summary>Signed quantity, base units (negative = short).</summary>
    public decimal NetQuantity { get; set; }

    /// <summary>Average entry price.</summary>
    public decimal AveragePrice { get; set; }

    /// <summary>Last known price.</summary>
    public decimal LastPrice { get; set; }

    /// <summary>Realized P&amp;L before commissions.</summary>
    public decimal RealizedPnl { get; set; }

    /// <summary>Unrealized P&amp;L.</summary>
    public decimal UnrealizedPnl { get; set; }

    /// <summary>Commissions paid.</summary>
    public decimal Commissions { get; set; }

    /// <summary>Last change, UTC (run clock).</summary>
    public DateTime UpdatedAt { get; set; }
}
