using Bourse.Server.Streaming;

namespace Bourse.Server.Tests;

/// <summary>The per-client queue of outgoing frames: bounded, drained a burst at a time, waking its send loop once per burst.</summary>
public sealed class FrameQueueTests
{
    [Fact]
    public void A_burst_is_taken_whole_in_order_with_the_very_same_frames()
    {
        var queue = new FrameQueue(64);
        var frames = Enumerable.Range(0, 40).Select(i => WebSocketFrames.Text([(byte)i])).ToArray();
        foreach (var frame in frames)
        {
            Assert.True(queue.TryAdd(frame));
        }

        var burst = queue.Take();
        Assert.Equal(frames.Length, burst.Length);
        Assert.All(Enumerable.Range(0, frames.Length), i => Assert.Same(frames[i], burst.Span[i]));
        Assert.True(queue.Take().IsEmpty);

        // What is added after a take is the next burst.
        Assert.True(queue.TryAdd(frames[0]));
        Assert.Same(frames[0], queue.Take().Span[0]);
    }

    [Fact]
    public void A_full_queue_refuses_the_next_frame_until_its_burst_is_taken()
    {
        var queue = new FrameQueue(8);
        var frame = WebSocketFrames.Text("{}"u8);
        for (var i = 0; i < queue.Capacity; i++)
        {
            Assert.True(queue.TryAdd(frame));
        }

        Assert.False(queue.TryAdd(frame));
        Assert.Equal(8, queue.Take().Length);
        Assert.True(queue.TryAdd(frame));
    }

    [Fact]
    public async Task The_waiting_send_loop_is_woken_by_the_first_frame_and_only_it()
    {
        var queue = new FrameQueue(16);
        var waiting = queue.WaitAsync();
        Assert.False(waiting.IsCompleted);
        queue.TryAdd(WebSocketFrames.Text("1"u8));
        queue.TryAdd(WebSocketFrames.Text("2"u8));
        await waiting;
        Assert.True(queue.WaitAsync().IsCompleted); // frames are queued: no wait
        Assert.Equal(2, queue.Take().Length);

        var next = queue.WaitAsync();
        Assert.False(next.IsCompleted);
        queue.Wake();
        await next;
        Assert.True(queue.Take().IsEmpty);
    }

    [Fact]
    public async Task Completing_wakes_the_send_loop_and_either_keeps_or_discards_what_is_queued()
    {
        var kept = new FrameQueue(16);
        var waiting = kept.WaitAsync();
        Assert.True(kept.Complete(discardQueued: false));
        await waiting;
        Assert.False(kept.Complete(discardQueued: true)); // once

        var discarded = new FrameQueue(16);
        discarded.TryAdd(WebSocketFrames.Text("reply"u8));
        Assert.True(discarded.Complete(discardQueued: true));
        Assert.True(discarded.IsCompleted);
        Assert.True(discarded.TryAdd(WebSocketFrames.Text("late"u8))); // dropped, not a slow consumer
        Assert.True(discarded.Take().IsEmpty);

        var draining = new FrameQueue(16);
        draining.TryAdd(WebSocketFrames.Text("last words"u8));
        draining.Complete(discardQueued: false);
        Assert.Equal(1, draining.Take().Length);
    }
}
