using Bourse.Data.Feeds;
using Bourse.Persistence;
using Bourse.Sdk.Identifiers;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Sessions;

/// <summary>
/// At server start, takes the feed subscription of every session stored as active again, so the feed publishes what it
/// published before the restart (the strategies themselves are restarted by <c>LiveStrategyRestorer</c>). A session whose
/// symbol the feed no longer publishes is stopped, with a warning.
/// </summary>
internal sealed class SessionRestorer(
    IDbContextFactory<BourseDbContext> contexts, IMarketDataFeed feed, SessionSubscriptions subscriptions, TimeProvider clock, ILogger<SessionRestorer> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var session in await db.Sessions.Where(s => s.Status == SessionService.Active).ToListAsync(cancellationToken))
        {
            if (InstrumentId.TryParse(session.Symbol, out var id) && feed.Instruments.Any(i => i.Id == id))
            {
                subscriptions.Hold(session.Id, id);
                continue;
            }

            logger.LogWarning("Session {Id} on {Symbol} is stopped: the feed no longer publishes the symbol", session.Id, session.Symbol);
            session.Status = SessionService.Stopped;
            session.StoppedAt = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
