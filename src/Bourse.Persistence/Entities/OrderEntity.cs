namespace Bourse.Persistence.Entities;

/// <summary>One order of a run (table <c>orders</c>), updated as its status changes.</summary>
public sealed class OrderEntity
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>The run.</summary>
    public Guid RunId { get; set; }

    /// <summary>Client order id, unique within the run.</summary>
    public string ClientOrderId { get; set; } = "";

    /// <summary>Instrument id.</summary>
    public string Symbol { get; set; } = "";

    /// <summary>buy or sell.</summary>
    public string Side { get; set; } = "";

    /// <summary>market, limit, stop, stop_limit, trailing_stop, market_if_touched or limit_if_touched.</summary>
    public string OrderType { get; set; } = "";

    /// <summary>gtc, day, ioc, fok or gtd.</summary>
    public string TimeInForce { get; set; } = "";

    /// <summary>Ordered quantity, base units.</summary>
    public decimal Quantity { get; set; }

    /// <summary>Limit price, quote currency.</summary>
    public decimal? LimitPrice { get; set; }

    /// <summary>Trigger (stop) price, quote currency: as submitted or last modified (a trailing stop's moves are not stored).</summary>
    public decimal? TriggerPrice { get; set; }

    /// <summary>A trailing stop's offset (a price amount, or a percentage when <see cref="TrailingOffsetType"/> is percent).</summary>
    public decimal? TrailingOffset { get; set; }

    /// <summary>price or percent; null unless a trailing stop.</summary>
    public string? TrailingOffsetType { get; set; }

    /// <summary>A GTD order's expire time, UTC.</summary>
    public DateTime? ExpireTime { get; set; }

    /// <summary>Post-only flag.</summary>
    public bool PostOnly { get; set; }

    /// <summary>Reduce-only flag.</summary>
    public bool ReduceOnly { get; set; }

    /// <summary>submitted, accepted, partially_filled, filled, canceled, rejected or expired.</summary>
    public string Status { get; set; } = "";

    /// <summary>Filled quantity so far, base units.</summary>
    public decimal FilledQuantity { get; set; }

    /// <summary>Volume-weighted fill price, quote currency; null before the first fill.</summary>
    public decimal? AverageFillPrice { get; set; }

    /// <summary>Rejection or cancel reason.</summary>
    public string? Reason { get; set; }

    /// <summary>Free text tag.</summary>
    public string? Tag { get; set; }

    /// <summary>First event time, UTC (run clock).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Last event time, UTC (run clock).</summary>
    public DateTime UpdatedAt { get; set; }
}
