using System.Diagnostics.CodeAnalysis;
using NeuralStyle.Hosting.Jobs;

namespace NeuralStyle.Hosting.Service;

/// <summary>
/// The service's bounded work queues, one per <see cref="StylizationMethod"/>: jobs go in, background
/// workers stylise them, finished jobs are kept a while for their results.
/// </summary>
public interface IStylizationQueue
{
    /// <summary>How many fast jobs may wait beyond the running ones.</summary>
    int Capacity { get; }

    /// <summary>How many jobs are waiting now, fast and paint together.</summary>
    int Pending { get; }

    /// <summary>The style names a request may give (built-in styles and the configured models).</summary>
    IReadOnlyList<string> Styles { get; }

    /// <summary>How many jobs of <paramref name="method"/> may wait beyond the running ones (0 when the service does not offer it).</summary>
    int CapacityOf(StylizationMethod method);

    /// <summary>What is wrong with <paramref name="request"/> (an unknown style, a size out of range), or null when it can be queued.</summary>
    string? Validate(StylizationRequest request);

    /// <summary>Queues <paramref name="request"/> on its method's queue; false when that queue is full (answer 503 and retry later) or the service is stopping.</summary>
    /// <exception cref="ArgumentException">The request is invalid (<see cref="Validate"/> says why).</exception>
    bool TryEnqueue(StylizationRequest request, [NotNullWhen(true)] out StylizationJob? job);

    /// <summary>The job with <paramref name="id"/>, or null when no such job is (still) known.</summary>
    StylizationJob? Find(string id);
}
