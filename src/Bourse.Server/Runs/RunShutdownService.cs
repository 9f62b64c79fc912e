namespace Bourse.Server.Runs;

/// <summary>
/// Suspends every active run when the host stops, before the outbox writer drains (hosted services stop in reverse
/// order): their state is saved, their orders stay working and their stored status stays running, so they resume at
/// the next start.
/// </summary>
internal sealed class RunShutdownService(RunRegistry registry, ILogger<RunShutdownService> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Suspending active runs");
        await registry.SuspendAllAsync("server shutdown", cancellationToken);
    }
}
