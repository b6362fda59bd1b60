using NeuralStyle.Batch.Jobs;

namespace NeuralStyle.Batch.Running;

/// <summary>How one job of a run ended.</summary>
/// <param name="Job">The job.</param>
/// <param name="State">Done, skipped (its output was already there with these settings) or failed.</param>
/// <param name="Elapsed">The time it took (checks and writing included).</param>
/// <param name="Error">Why it failed (failed jobs only).</param>
public sealed record BatchJobOutcome(BatchJob Job, BatchJobState State, TimeSpan Elapsed, string? Error = null);

/// <summary>How a job ended.</summary>
public enum BatchJobState
{
    /// <summary>The output was written.</summary>
    Done,

    /// <summary>The output existed with a record of the same settings: nothing was recomputed.</summary>
    Skipped,

    /// <summary>The job failed; its error is recorded beside its output and the other jobs went on.</summary>
    Failed,
}
