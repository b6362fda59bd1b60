using Microsoft.Extensions.Options;
using NeuralStyle.Hosting.Jobs;
using NeuralStyle.Hosting.Service;

namespace NeuralStyle.Hosting.Tests.Service;

/// <summary>The queue on its own: a queue per method, full queues refuse, bad requests are named, finished jobs forgotten by age and by count.</summary>
public sealed class StylizationQueueTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static (StylizationQueue Queue, ManualClock Clock) Queue(Action<NeuralStyleServiceOptions>? change = null)
    {
        var options = new NeuralStyleServiceOptions { ModelPath = "starry-night", QueueCapacity = 2, MaxRetainedJobs = 8, ResultRetention = TimeSpan.FromMinutes(10) };
        options.Paint.QueueCapacity = 1;
        change?.Invoke(options);
        var clock = new ManualClock();
        return (new StylizationQueue(Options.Create(options), new StylizerCatalog(Options.Create(options)), clock), clock);
    }

    private static StylizationRequest Request(StylizationMethod method = StylizationMethod.Fast) => new(new byte[] { 1 }) { Method = method };

    [Fact]
    public void Fast_and_paint_jobs_wait_in_queues_of_their_own()
    {
        (StylizationQueue queue, _) = Queue();
        Assert.True(queue.TryEnqueue(Request(), out _));
        Assert.True(queue.TryEnqueue(Request(), out _));
        Assert.False(queue.TryEnqueue(Request(), out _));
        Assert.True(queue.TryEnqueue(Request(StylizationMethod.Paint), out StylizationJob? painting));
        Assert.False(queue.TryEnqueue(Request(StylizationMethod.Paint), out _));
        Assert.Equal((3, 2, 1), (queue.Pending, queue.CapacityOf(StylizationMethod.Fast), queue.CapacityOf(StylizationMethod.Paint)));
        Assert.Same(painting, queue.Find(painting!.Id));
    }

    [Fact]
    public void A_request_it_cannot_run_is_named_and_never_queued()
    {
        (StylizationQueue queue, _) = Queue(o => o.Paint.Enabled = false);
        Assert.Contains("Unknown style 'nope'", queue.Validate(Request() with { Style = "nope" }), StringComparison.Ordinal);
        Assert.Contains("does not paint", queue.Validate(Request(StylizationMethod.Paint)), StringComparison.Ordinal);
        ArgumentException refused = Assert.Throws<ArgumentException>(() => queue.TryEnqueue(Request() with { Strength = 2 }, out _));
        Assert.Contains("strength: StylizeOptions.Strength must be a finite number from 0 to 1 (got", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, queue.Pending);
    }

    [Theory]
    [InlineData(0, ".png", "size: StylizeOptions.Size must be a whole number from 16")]
    [InlineData(1_000_000, ".png", "size: StylizeOptions.Size must be a whole number from 16")]
    [InlineData(null, ".gif", "Unknown result format '.gif': give one of .png, .jpg, .jpeg, .webp.")]
    public void A_fast_size_or_a_format_the_service_cannot_give_is_refused_before_it_is_queued(int? size, string format, string expected)
    {
        (StylizationQueue queue, _) = Queue();
        StylizationRequest request = Request() with { Size = size, Format = format };
        Assert.Contains(expected, queue.Validate(request), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => queue.TryEnqueue(request, out _));
        Assert.Null(queue.Validate(Request() with { Size = 512, Format = ".JPEG" }));
    }

    [Fact]
    public void A_result_past_its_retention_is_gone_when_next_asked_for_without_a_new_job()
    {
        (StylizationQueue queue, ManualClock clock) = Queue();
        Assert.True(queue.TryEnqueue(Request(), out _));
        StylizationJob job = Take(queue);
        job.End(StylizationState.Succeeded, clock.Now, result: new byte[] { 7 });

        clock.Now += TimeSpan.FromMinutes(9);
        Assert.Same(job, queue.Find(job.Id));
        clock.Now += TimeSpan.FromMinutes(2);
        Assert.Null(queue.Find(job.Id));
    }

    [Fact]
    public void Finished_jobs_are_forgotten_after_the_retention_and_beyond_the_count()
    {
        (StylizationQueue queue, ManualClock clock) = Queue(o => o.MaxRetainedJobs = 3);
        var ended = new List<StylizationJob>();
        for (int i = 0; i < 2; i++)
        {
            Assert.True(queue.TryEnqueue(Request(), out _));
            StylizationJob job = Take(queue);
            clock.Now += TimeSpan.FromMinutes(1);
            job.End(StylizationState.Succeeded, clock.Now, result: new byte[] { 7 });
            ended.Add(job);
        }

        // Two finished jobs and a third: one more would pass the count, so the oldest finished one goes.
        Assert.True(queue.TryEnqueue(Request(), out StylizationJob? running));
        Take(queue);
        Assert.True(queue.TryEnqueue(Request(), out _));
        Assert.Null(queue.Find(ended[0].Id));
        Assert.NotNull(queue.Find(ended[1].Id));

        // Past the retention the other finished job goes too; the running one is never forgotten.
        clock.Now += TimeSpan.FromMinutes(11);
        Assert.True(queue.TryEnqueue(Request(), out _));
        Assert.Null(queue.Find(ended[1].Id));
        Assert.NotNull(queue.Find(running!.Id));
    }

    /// <summary>What a worker does: takes the next fast job.</summary>
    private static StylizationJob Take(StylizationQueue queue)
    {
        Assert.True(queue.ReaderOf(StylizationMethod.Fast).TryRead(out StylizationJob? job));
        queue.Took(job!);
        return job!;
    }
}
