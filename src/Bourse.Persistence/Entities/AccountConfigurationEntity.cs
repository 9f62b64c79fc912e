namespace Bourse.Persistence.Entities;

/// <summary>
/// A user's brokerage account configuration (table <c>account_configurations</c>; Alpaca's
/// <c>/v2/account/configurations</c>), one row per user, written on the first change (no row: the defaults).
/// </summary>
public sealed class AccountConfigurationEntity
{
    /// <summary>The user (primary key).</summary>
    public Guid UserId { get; set; }

    /// <summary>Day trading margin call check: both, entry or exit.</summary>
    public string DtbpCheck { get; set; } = "entry";

    /// <summary>Trade confirmation e-mails: all or none.</summary>
    public string TradeConfirmEmail { get; set; } = "all";

    /// <summary>True: new orders are refused.</summary>
    public bool SuspendTrade { get; set; }

    /// <summary>True: long only (sells that would open or add to a short are refused).</summary>
    public bool NoShorting { get; set; }

    /// <summary>Fractional quantities allowed.</summary>
    public bool FractionalTrading { get; set; } = true;

    /// <summary>The margin multiplier asked for: 1, 2 or 4.</summary>
    public decimal MaxMarginMultiplier { get; set; } = 4m;

    /// <summary>Pattern day trader check: both, entry or exit.</summary>
    public string PdtCheck { get; set; } = "entry";

    /// <summary>Publicly traded partnership orders accepted without the exception.</summary>
    public bool PtpNoExceptionEntry { get; set; }

    /// <summary>Last change, UTC (wall clock).</summary>
    public DateTime UpdatedAt { get; set; }
}
