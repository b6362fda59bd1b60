using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NeuralStyle.Hosting.Jobs;

namespace NeuralStyle.Hosting.Service;

/// <summary>
/// A bounded channel of jobs plus the jobs known by id; finished jobs are forgotten after
/// <see cref="NeuralStyleServiceOptions.ResultRetention"/> or beyond <see cref="NeuralStyleServiceOptions.MaxRetainedJobs"/>, oldest first.
/// </summary>
internal sealed class StylizationQueue : IStylizationQueue
{
    private readonly Channel<StylizationJob> _channel;
    private readonly ConcurrentDictionary<string, StylizationJob> _jobs = new(StringComparer.Ordinal);
    private readonly NeuralStyleServiceOptions _options;
    private readonly TimeProvider _clock;
    private int _pending;

    public StylizationQueue(IOptions<NeuralStyleServiceOptions> options, TimeProvider? clock = null)
    {
        _options = options.Value;
        _clock = clock ?? TimeProvider.System;
        _channel = Channel.CreateBounded<StylizationJob>(new BoundedChannelOptions(_options.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
    }

    public int Capacity => _options.QueueCapacity;

    public int Pending => Volatile.Read(ref _pending);

    internal ChannelReader<StylizationJob> Reader => _channel.Reader;

    internal TimeProvider Clock => _clock;

    public bool TryEnqueue(StylizationRequest request, [NotNullWhen(true)] out StylizationJob? job)
    {
        ArgumentNullException.ThrowIfNull(request);
        Forget();
        var candidate = new StylizationJob(request, _clock.GetUtcNow());
        _jobs[candidate.Id] = candidate;
        Interlocked.Increment(ref _pending);
        if (!_channel.Writer.TryWrite(candidate))
        {
            Interlocked.Decrement(ref _pending);
            _jobs.TryRemove(candidate.Id, out _);
            job = null;
            return false;
        }

        job = candidate;
        return true;
    }

    public StylizationJob? Find(string id) =>
        id is { Length: StylizationJob.IdLength } && _jobs.TryGetValue(id, out StylizationJob? job) ? job : null;

    /// <summary>A worker took <paramref name="job"/>.</summary>
    internal void Took(StylizationJob job) => Interlocked.Decrement(ref _pending);

    /// <summary>No more jobs are accepted; those still waiting are cancelled.</summary>
    internal void Close()
    {
        _channel.Writer.TryComplete();
        while (_channel.Reader.TryRead(out StylizationJob? job))
        {
            Took(job);
            job.End(StylizationState.Cancelled, _clock.GetUtcNow(), "The service shut down before the job ran.");
        }
    }

    private void Forget()
    {
        DateTimeOffset now = _clock.GetUtcNow();
        StylizationJob[] finished = _jobs.Values.Where(j => j.Finished is not null).OrderBy(j => j.Finished).ToArray();
        int excess = _jobs.Count - _options.MaxRetainedJobs + 1;
        foreach (StylizationJob job in finished)
        {
            if (excess > 0 || now - job.Finished!.Value > _options.ResultRetention)
            {
                _jobs.TryRemove(job.Id, out _);
                excess--;
            }
        }
    }
}
