namespace Bourse.Persistence.Entities;

/// <summary>A user's named list of instruments (table <c>watchlists</c>; Alpaca's watchlists). Names are unique per user.</summary>
public sealed class WatchlistEntity
{
    /// <summary>Primary key (Alpaca's watchlist id).</summary>
    public Guid Id { get; set; }

    /// <summary>The owner.</summary>
    public Guid UserId { get; set; }

    /// <summary>The name, 1..64 characters, unique per owner.</summary>
    public string Name { get; set; } = "";

    /// <summary>Instrument ids (e.g. SPY.NASDAQ), in the order they were added, without duplicates.</summary>
    public List<string> Instruments { get; set; } = [];

    /// <summary>Creation time, UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Last change, UTC.</summary>
    public DateTime UpdatedAt { get; set; }
}
