using System.Threading.Tasks.Sources;

namespace Bourse.Server.Streaming;

/// <summary>
/// A client's outgoing frames: a bounded queue that any thread adds ready-made frames to (the same shared byte arrays
/// for every subscriber, no copy and no allocation per frame) and that one send loop empties a burst at a time.
/// <see cref="Take"/> hands the loop everything queued at once (two arrays swap roles, so adding never waits for a
/// write), and <see cref="WaitAsync"/> wakes the loop once per burst: only the frame that finds it idle signals it.
/// At most <c>capacity</c> frames wait; <see cref="TryAdd"/> refuses the next one. After <see cref="Complete"/> it
/// takes nothing more.
/// </summary>
internal sealed class FrameQueue(int capacity) : IValueTaskSource
{
    private const int InitialSize = 16;

    private readonly Lock _gate = new();
    private byte[][] _filling = new byte[Math.Min(InitialSize, capacity)][];
    private byte[][] _taken = new byte[Math.Min(InitialSize, capacity)][];
    private int _count;
    private int _takenCount;
    private bool _completed;
    private bool _waiting;
    private ManualResetValueTaskSourceCore<bool> _wake = new() { RunContinuationsAsynchronously = true };

    /// <summary>Frames queued at most.</summary>
    public int Capacity => capacity;

    /// <summary>True once <see cref="Complete"/> was called.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _completed;
            }
        }
    }

    /// <summary>
    /// Queues <paramref name="frame"/>, waking the send loop if it waits; never blocks. False when <see cref="Capacity"/>
    /// frames already wait (the frame is not queued); true otherwise, including after <see cref="Complete"/>, when the
    /// frame is dropped.
    /// </summary>
    public bool TryAdd(byte[] frame)
    {
        bool wake;
        lock (_gate)
        {
            if (_completed)
            {
                return true;
            }

            if (_count == capacity)
            {
                return false;
            }

            if (_count == _filling.Length)
            {
                Array.Resize(ref _filling, Math.Min(capacity, _filling.Length * 2));
            }

            _filling[_count++] = frame;
            wake = _waiting;
            _waiting = false;
        }

        if (wake)
        {
            _wake.SetResult(true);
        }

        return true;
    }

    /// <summary>
    /// Everything queued, oldest first, now no longer queued (empty when nothing is). For the send loop only: the frames
    /// stay valid until its next call.
    /// </summary>
    public ReadOnlyMemory<byte[]> Take()
    {
        Array.Clear(_taken, 0, _takenCount); // the previous burst is written: let its frames go
        lock (_gate)
        {
            (_filling, _taken) = (_taken, _filling);
            _takenCount = _count;
            _count = 0;
        }

        return _taken.AsMemory(0, _takenCount);
    }

    /// <summary>
    /// Completes when a frame is queued or the queue is completed (at once if either is so), or when <see cref="Wake"/>
    /// is called. For the send loop only, one wait at a time.
    /// </summary>
    public ValueTask WaitAsync()
    {
        lock (_gate)
        {
            if (_count > 0 || _completed)
            {
                return ValueTask.CompletedTask;
            }

            _wake.Reset();
            _waiting = true;
            return new ValueTask(this, _wake.Version);
        }
    }

    /// <summary>Ends a pending <see cref="WaitAsync"/> (e.g. on cancellation) without queuing anything.</summary>
    public void Wake()
    {
        bool wake;
        lock (_gate)
        {
            wake = _waiting;
            _waiting = false;
        }

        if (wake)
        {
            _wake.SetResult(true);
        }
    }

    /// <summary>
    /// Takes no more frames; with <paramref name="discardQueued"/> the frames still queued are dropped too. False when
    /// it was already completed.
    /// </summary>
    public bool Complete(bool discardQueued)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return false;
            }

            _completed = true;
            if (discardQueued)
            {
                Array.Clear(_filling, 0, _count);
                _count = 0;
            }
        }

        Wake();
        return true;
    }

    /// <inheritdoc />
    void IValueTaskSource.GetResult(short token) => _wake.GetResult(token);

    /// <inheritdoc />
    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _wake.GetStatus(token);

    /// <inheritdoc />
    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _wake.OnCompleted(continuation, state, token, flags);
}
