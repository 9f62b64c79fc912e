namespace Bourse.Persistence.Writing;

/// <summary>
/// One open database connection of the fast writer with its statements, writing a batch's rows in one transaction.
/// A store that threw is disposed and replaced (its connection may be broken).
/// </summary>
internal abstract class RunEventStore : IAsyncDisposable
{
    /// <summary>Writes <paramref name="rows"/> in one transaction; nothing of it is stored when it throws.</summary>
    public abstract Task WriteAsync(RunEventRows rows, CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();
}
