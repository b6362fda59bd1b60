using NeuralStyle.Batch.Jobs;

namespace NeuralStyle.Batch.Running;

/// <summary>How one job of a run ended.</summary>
/// <param name="Job">The job.</param>
/// <param name="State">Done, skipped (its output was already there with these settings) or failed.</param>
/// <param name="Elapsed">The time it took (checks and writing included).</param>
/// <param name="Failure">Why it failed (failed jobs only): an <see cref="NeuralStyle.IO.OutputExistsException"/> when the
/// output exists and was not written by a batch (allow it with <see cref="BatchOptions.Overwrite"/>), otherwise what the job threw.</param>
public sealed record BatchJobOutcome(BatchJob Job, BatchJobState State, TimeSpan Elapsed, Exception? Failure = null)
{
    /// <summary>How it ended (fixed at construction, so a <c>with</c> expression cannot make it disagree with <see cref="Failure"/>).</summary>
    public BatchJobState State { get; } = State;

    /// <summary>Why it failed: set exactly when <see cref="State"/> is <see cref="BatchJobState.Failed"/>.</summary>
    /// <exception cref="ArgumentException">A failed state without a failure, or a failure with another state.</exception>
    public Exception? Failure { get; } = (State == BatchJobState.Failed) == (Failure is not null)
        ? Failure
        : throw new ArgumentException("A failed job's outcome needs its failure, and only a failed job has one.", nameof(Failure));

    /// <summary>The failure's message (failed jobs only); the batch's record beside the output keeps it, except for an output it did not write.</summary>
    public string? Error => Failure?.Message;
}

/// <summary>How a job ended.</summary>
public enum BatchJobState
{
    /// <summary>The output was written.</summary>
    Done,

    /// <summary>The output existed with a record of the same settings: nothing was recomputed.</summary>
    Skipped,

    /// <summary>The job failed and the other jobs went on; its error is recorded beside its output, unless the output was a file the batch did not write.</summary>
    Failed,
}
