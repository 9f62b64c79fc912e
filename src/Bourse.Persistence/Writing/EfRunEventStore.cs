using Microsoft.EntityFrameworkCore;

namespace Bourse.Persistence.Writing;

/// <summary>
/// The portable store: writes a batch's rows through EF Core change tracking in one <c>SaveChanges</c> (one
/// transaction). Used for providers without a raw store yet (PostgreSQL, until its binary COPY store exists): correct on
/// every provider, not fast.
/// </summary>
internal sealed class EfRunEventStore(BourseDbContext db) : RunEventStore
{
    /// <inheritdoc />
    public override async Task WriteAsync(RunEventRows rows, CancellationToken cancellationToken)
    {
        try
        {
            db.Signals.AddRange(rows.Signals);
            db.Fills.AddRange(rows.Fills);
            db.ExecutionLogs.AddRange(rows.Logs);
            foreach (var order in rows.Orders.Values)
            {
                // A stored order was read (and copied) with its key; a new one has none yet.
                if (order.Id != 0)
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
                if (await db.Positions.FindAsync([position.RunId, position.Symbol], cancellationToken) is { } stored)
                {
                    db.Entry(stored).CurrentValues.SetValues(position);
                }
                else
                {
                    db.Positions.Add(position);
                }
            }

            var runIds = rows.Runs.Keys.ToList();
            foreach (var run in await db.Runs.Where(r => runIds.Contains(r.Id)).ToListAsync(cancellationToken))
            {
                rows.Runs[run.Id].ApplyTo(run);
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
