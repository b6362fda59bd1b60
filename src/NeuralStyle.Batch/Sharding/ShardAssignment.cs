namespace NeuralStyle.Batch.Sharding;

/// <summary>The shard a process runs and where that came from (for the log and the progress line).</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Source">What set it: <c>explicitShard K/N</c> (<see cref="ShardSettingDescriptions.Shard"/>'s name, which hosts write their way), an engine's variables (e.g. <c>SLURM_ARRAY_TASK_ID=3, SLURM_ARRAY_TASK_COUNT=8</c>), or <c>none (the whole batch)</c>.</param>
public sealed record ShardAssignment(Shard Shard, string Source);
