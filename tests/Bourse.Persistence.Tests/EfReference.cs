using Bourse.Engine.Runs;
using Bourse.Persistence.Writing;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Persistence.Tests;

/// <summary>
/// The reference the fast writer is compared with: the same projection of the same events, saved through EF Core change
/// tracking (the model's own mapping). Slow and simple on purpose.
/// </summary>
internal sealed class EfReference(RunEventProjector projector)
{
    public async Task WriteAsync(BourseDbContext db, IReadOnlyList<RunEvent> events)
    {
        var runIds = events.Select(e => e.RunId.Value).Distinct().ToList();
        var runs = await db.Runs.Where(r => runIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id);
        var orderIds = events.OfType<OrderEventRecorded>().Select(e => e.Event.OrderId.Value).Distinct().ToList();
        var stored = await db.Orders.AsNoTracking().Where(o => runIds.Contains(o.RunId) && orderIds.Contains(o.ClientOrderId))
            .ToDictionaryAsync(o => (o.RunId, o.ClientOrderId));
        var rows = projector.Project(events, runs.ToDictionary(r => r.Key, r => r.Value.StartingCash), stored);

        db.Signals.AddRange(rows.Signals);
        db.Fills.AddRange(rows.Fills);
        db.ExecutionLogs.AddRange(rows.Logs);
        foreach (var (key, order) in rows.Orders)
        {
            if (stored.ContainsKey(key))
            {
                db.Orders.Update(order);
            }
            else
            {
                db.Orders.Add(order);
            }
        }

        foreach (var position in rows.Positions.Values)
        {
            if (await db.Positions.FindAsync(position.RunId, position.Symbol) is { } existing)
            {
                db.Entry(existing).CurrentValues.SetValues(position);
            }
            else
            {
                db.Positions.Add(position);
            }
        }

        foreach (var (runId, change) in rows.Runs)
        {
            change.ApplyTo(runs[runId]);
        }

        await db.SaveChangesAsync();
    }
}
