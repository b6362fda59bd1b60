using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NeuralStyle.Hosting.Jobs;

namespace NeuralStyle.Hosting.Service;

/// <summary>
/// A bounded channel of jobs per <see cref="StylizationMethod"/> (fast: <see cref="NeuralStyleServiceOptions.QueueCapacity"/>;
/// paint: <see cref="PaintServiceOptions.QueueCapacity"/>) plus the jobs known by id; finished jobs are forgotten after
/// <see cref="NeuralStyleServiceOptions.ResultRetention"/> or beyond <see cref="NeuralStyleServiceOptions.MaxRetainedJobs"/>, oldest first.
/// </summary>
internal sealed class StylizationQueue : IStylizationQueue
{
    private readonly Dictionary<StylizationMethod, Lane> _lanes;
    private readonly ConcurrentDictionary<string, StylizationJob> _jobs = new(StringComparer.Ordinal);
    private readonly NeuralStyleServiceOptions _options;
    private readonly StylizerCatalog _catalog;
    private readonly TimeProvider _clock;

    public StylizationQueue(IOptions<NeuralStyleServiceOptions> options, StylizerCatalog catalog, TimeProvider? clock = null)
    {
        _options = options.Value;
        _catalog = catalog;
        _clock = clock ?? TimeProvider.System;
        _lanes = new Dictionary<StylizationMethod, Lane>
        {
            [StylizationMethod.Fast] = new(_options.QueueCapacity),
            [StylizationMethod.Paint] = new(_options.Paint.Enabled ? _options.Paint.QueueCapacity : 0),
        };
    }

    public int Capacity => CapacityOf(StylizationMethod.Fast);

    public int Pending => _lanes.Values.Sum(l => l.Pending);

    public IReadOnlyList<string> Styles => _catalog.StyleNames;

    internal TimeProvider Clock => _clock;

    public int CapacityOf(StylizationMethod method) => _lanes[method].Capacity;

    /// <summary>Jobs of <paramref name="method"/> waiting now.</summary>
    internal int PendingOf(StylizationMethod method) => _lanes[method].Pending;

    /// <summary>The jobs of <paramref name="method"/>, for its workers.</summary>
    internal ChannelReader<StylizationJob> ReaderOf(StylizationMethod method) => _lanes[method].Channel.Reader;

    public string? Validate(StylizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Enum.IsDefined(request.Method) ? _catalog.Problem(request) : $"Unknown method {request.Method}: use fast or paint.";
    }

    public bool TryEnqueue(StylizationRequest request, [NotNullWhen(true)] out StylizationJob? job)
    {
        if (Validate(request) is string problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }

        Forget(room: 1);
        Lane lane = _lanes[request.Method];
        var candidate = new StylizationJob(request, _clock.GetUtcNow());
        _jobs[candidate.Id] = candidate;
        Interlocked.Increment(ref lane.Pending);
        if (lane.Capacity == 0 || !lane.Channel.Writer.TryWrite(candidate))
        {
            Interlocked.Decrement(ref lane.Pending);
            _jobs.TryRemove(candidate.Id, out _);
            job = null;
            return false;
        }

        job = candidate;
        return true;
    }

    public StylizationJob? Find(string id)
    {
        if (id is not { Length: StylizationJob.IdLength })
        {
            return null;
        }

        // Results past their retention are gone when next asked for, not only when the next job arrives.
        Forget(room: 0);
        return _jobs.TryGetValue(id, out StylizationJob? job) ? job : null;
    }

    /// <summary>A worker took <paramref name="job"/>.</summary>
    internal void Took(StylizationJob job) => Interlocked.Decrement(ref _lanes[job.Request.Method].Pending);

    /// <summary>No more jobs are accepted; those still waiting are cancelled.</summary>
    internal void Close()
    {
        foreach (Lane lane in _lanes.Values)
        {
            lane.Channel.Writer.TryComplete();
            while (lane.Channel.Reader.TryRead(out StylizationJob? job))
            {
                Took(job);
                job.End(StylizationState.Cancelled, _clock.GetUtcNow(), "The service shut down before the job ran.");
            }
        }
    }

    /// <summary>Forgets finished jobs past their retention, and the oldest finished ones beyond the most retained less <paramref name="room"/>.</summary>
    private void Forget(int room)
    {
        DateTimeOffset now = _clock.GetUtcNow();
        (StylizationJob Job, DateTimeOffset Finished)[] finished = [.. _jobs.Values
            .Select(j => (Job: j, j.Finished))
            .Where(j => j.Finished is not null)
            .Select(j => (j.Job, j.Finished!.Value))
            .OrderBy(j => j.Item2)];
        int excess = _jobs.Count - _options.MaxRetainedJobs + room;
        foreach ((StylizationJob job, DateTimeOffset ended) in finished)
        {
            if (excess > 0 || now - ended > _options.ResultRetention)
            {
                _jobs.TryRemove(job.Id, out _);
                excess--;
            }
        }
    }

    /// <summary>One method's bounded channel and its count of waiting jobs.</summary>
    private sealed class Lane(int capacity)
    {
        public readonly Channel<StylizationJob> Channel = System.Threading.Channels.Channel.CreateBounded<StylizationJob>(
            new BoundedChannelOptions(Math.Max(1, capacity)) { FullMode = BoundedChannelFullMode.Wait });

        public readonly int Capacity = capacity;

        public int Pending;
    }
}
