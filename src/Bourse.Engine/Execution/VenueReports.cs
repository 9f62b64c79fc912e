using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Execution;

/// <summary>
/// What an external venue reports about one of a run's orders (see <see cref="IExecutionClient"/>). The run applies a
/// report through its order state machine: one that does not fit the order's state (a duplicate, a late answer for a
/// finished order, another run's order) is ignored.
/// </summary>
/// <param name="OrderId">The run's id of the order.</param>
public abstract record VenueReport(ClientOrderId OrderId);

/// <summary>The venue accepted the order; it works there.</summary>
public sealed record VenueOrderAccepted(ClientOrderId OrderId) : VenueReport(OrderId);

/// <summary>The venue refused the order; <paramref name="Reason"/> is the venue's message.</summary>
public sealed record VenueOrderRejected(ClientOrderId OrderId, string Reason) : VenueReport(OrderId);

/// <summary>
/// Part or all of the order filled at the venue: <paramref name="Quantity"/> base units at <paramref name="Price"/> (quote
/// currency), charged <paramref name="Commission"/> (quote currency; 0 when the venue reports none).
/// </summary>
public sealed record VenueOrderFilled(ClientOrderId OrderId, decimal Price, decimal Quantity, decimal Commission) : VenueReport(OrderId);

/// <summary>The venue canceled the order (the run's cancel, or its own decision: <paramref name="Reason"/>).</summary>
public sealed record VenueOrderCanceled(ClientOrderId OrderId, string Reason) : VenueReport(OrderId);

/// <summary>The order expired at the venue by its time in force.</summary>
public sealed record VenueOrderExpired(ClientOrderId OrderId) : VenueReport(OrderId);

/// <summary>The venue replaced the order's terms: total quantity (base units), limit and trigger price (quote currency; null: none).</summary>
public sealed record VenueOrderReplaced(ClientOrderId OrderId, decimal Quantity, decimal? LimitPrice, decimal? TriggerPrice) : VenueReport(OrderId);

/// <summary>The venue refused a replace; the order keeps its terms.</summary>
public sealed record VenueReplaceRejected(ClientOrderId OrderId, string Reason) : VenueReport(OrderId);

/// <summary>The venue refused a cancel; the order is unchanged.</summary>
public sealed record VenueCancelRejected(ClientOrderId OrderId, string Reason) : VenueReport(OrderId);
