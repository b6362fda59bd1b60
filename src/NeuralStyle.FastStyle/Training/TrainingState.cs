namespace NeuralStyle.FastStyle.Training;

/// <summary>What a stopped training run leaves behind, said once for every way it can stop.</summary>
internal static class TrainingState
{
    /// <summary>The sentence on the checkpoint a stopped run keeps.</summary>
    public static string Kept(string? checkpoint, long? step, int checkpointEvery) => (step, checkpointEvery) switch
    {
        (long kept, _) => $"The checkpoint '{checkpoint}' (step {kept}) was kept intact: resume from it to continue.",
        (null, > 0) => $"No checkpoint had been written yet (the first is written after step {checkpointEvery}).",
        _ => "No checkpoint is written in this run (set FastStyleTrainingSettings.CheckpointEvery to keep progress).",
    };
}
