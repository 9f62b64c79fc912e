namespace Bourse.Persistence.Entities;

/// <summary>One execution (table <c>fills</c>; served as the run's trades).</summary>
public sealed class FillEntity
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>The run.</summary>
    public Guid RunId { get; set; }

    /// <summary>The order filled.</summary>
    public string ClientOrderId { get; set; } = "";

    /// <summary>The venue's trade id.</summary>
    public string TradeId { get; set; } = "";

    /// <summary>Instrument id.</summary>
    public string Symbol { get; set; } = "";

    /// <summary>buy or sell.</summary>
    public string Side { get; set; } = "";

    /// <summary>Fill price, quote currency.</summary>
    public decimal Price { get; set; }

    /// <summary>Fill quantity, base units.</summary>
    public decimal Quantity { get; set; }

    /// <summary>Commission amount.</summary>
    public decimal Commission { get; set; }

    /// <summary>Commission currency.</summary>
    public string CommissionCurrency { get; set; } = "";

    /// <summary>True when the fill added liquidity.</summary>
    public bool IsMaker { get; set; }

    /// <summary>Fill time, UTC (run clock).</summary>
    public DateTime Timestamp { get; set; }
}
