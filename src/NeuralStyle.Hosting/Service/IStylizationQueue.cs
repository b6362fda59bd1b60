using System.Diagnostics.CodeAnalysis;
using NeuralStyle.Hosting.Jobs;

namespace NeuralStyle.Hosting.Service;

/// <summary>The service's bounded work queue: jobs go in, background workers stylise them, finished jobs are kept a while for their results.</summary>
public interface IStylizationQueue
{
    /// <summary>How many jobs may wait beyond the running ones.</summary>
    int Capacity { get; }

    /// <summary>How many jobs are waiting now.</summary>
    int Pending { get; }

    /// <summary>Queues <paramref name="request"/>; false when the queue is full (answer 503 and retry later) or the service is stopping.</summary>
    bool TryEnqueue(StylizationRequest request, [NotNullWhen(true)] out StylizationJob? job);

    /// <summary>The job with <paramref name="id"/>, or null when no such job is (still) known.</summary>
    StylizationJob? Find(string id);
}
