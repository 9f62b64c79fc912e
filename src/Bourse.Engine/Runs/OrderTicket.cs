using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Runs;

/// <summary>The answer to an operator's order command (see <see cref="TradingRun.SubmitOperatorOrder"/>): the order as it stands right after the command.</summary>
/// <param name="Id">The order's id within the run.</param>
/// <param name="Instrument">The instrument it trades.</param>
/// <param name="Status">Submitted (on its way to the venue), Initialized (a held child of an order list), or Rejected.</param>
/// <param name="RejectionReason">Why it was rejected, or null.</param>
public sealed record OrderTicket(ClientOrderId Id, InstrumentId Instrument, OrderStatus Status, string? RejectionReason);
