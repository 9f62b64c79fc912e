using Bourse.Engine.Runs;
using Bourse.Sdk.Orders;

namespace Bourse.Strategies.Tests;

/// <summary>Keeps the order events of a backtest, in the order the run published them.</summary>
internal sealed class RecordedOrderEvents : IRunEventSink
{
    public List<OrderEvent> Events { get; } = [];

    public void Publish(RunEvent runEvent)
    {
        if (runEvent is OrderEventRecorded recorded)
        {
            Events.Add(recorded.Event);
        }
    }

    /// <summary>The signed position after each event (buys add, sells subtract the filled quantity), with the event.</summary>
    public IEnumerable<(OrderEvent Event, decimal Position)> WithPosition()
    {
        var position = 0m;
        foreach (var e in Events)
        {
            if (e is OrderFilled fill)
            {
                position += fill.Side == Side.Buy ? fill.FillQuantity.Value : -fill.FillQuantity.Value;
            }

            yield return (e, position);
        }
    }
}
