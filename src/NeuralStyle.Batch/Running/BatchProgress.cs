using NeuralStyle.Batch.Jobs;

namespace NeuralStyle.Batch.Running;

/// <summary>
/// A batch run's progress: reported when a job starts, as it advances (transfers: per evaluation),
/// and when it ends (<see cref="Finished"/> set).
/// </summary>
public sealed record BatchProgress
{
    /// <summary>Jobs of this shard that ended so far (done, skipped or failed).</summary>
    public required int Completed { get; init; }

    /// <summary>Jobs of this shard.</summary>
    public required int Total { get; init; }

    /// <summary>Jobs skipped so far.</summary>
    public int Skipped { get; init; }

    /// <summary>Jobs failed so far.</summary>
    public int Failed { get; init; }

    /// <summary>The job running now, or the one that just ended.</summary>
    public required BatchJob Job { get; init; }

    /// <summary>How far that job is, 0 to 1.</summary>
    public double JobFraction { get; init; }

    /// <summary>How the job ended, on the report that ends it; null while it runs.</summary>
    public BatchJobOutcome? Finished { get; init; }
}
