namespace NeuralStyle.FastStyle.Training;

/// <summary>
/// Training was cancelled. The model file was not written; the last checkpoint, if any, is intact
/// and named in the message (<see cref="CheckpointStep"/>), so a run with resume continues from it.
/// </summary>
public sealed class TrainingCancelledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    public TrainingCancelledException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TrainingCancelledException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TrainingCancelledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a run cancelled after <paramref name="lastStep"/> steps.</summary>
    internal TrainingCancelledException(long lastStep, string? checkpoint, long? checkpointStep, int checkpointEvery, OperationCanceledException cause)
        : base($"Training was cancelled after step {lastStep}; the model file was not written. {TrainingState.Kept(checkpoint, checkpointStep, checkpointEvery)}", cause, cause.CancellationToken)
    {
        Checkpoint = checkpointStep is null ? null : checkpoint;
        CheckpointStep = checkpointStep;
    }

    /// <summary>The checkpoint file left intact, or null when none was written.</summary>
    public string? Checkpoint { get; }

    /// <summary>The step of the checkpoint left intact, or null when none was written.</summary>
    public long? CheckpointStep { get; }
}
