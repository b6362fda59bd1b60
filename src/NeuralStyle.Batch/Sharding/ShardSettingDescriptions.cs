using NeuralStyle.Configuration;

namespace NeuralStyle.Batch.Sharding;

/// <summary>
/// The sharding's settings, each described once (<see cref="SettingDescription"/>): hosts make their
/// options from these, and <see cref="ShardEnvironment"/>'s messages name the settings by <see cref="SettingDescription.Name"/>.
/// </summary>
public static class ShardSettingDescriptions
{
    /// <summary><see cref="ShardEnvironment.Resolve"/>'s <c>explicitShard</c>: shard K of N, which wins over the environment.</summary>
    public static SettingDescription Shard { get; } = new()
    {
        Setting = ShardSetting.Shard,
        Key = "shard",
        Name = "explicitShard",
        Help = "Run shard K of N (0-based, e.g. 0/4 to 3/4).",
        Default = $"from {ShardEnvironment.KubernetesIndex} (Kubernetes), {ShardEnvironment.SlurmTaskId} (Slurm) or {ShardEnvironment.AwsBatchIndex} (AWS Batch), else every job",
        Values = "K/N, 0 <= K < N",
        Fix = "Give the shard as K/N, e.g. 0/4.",
    };

    /// <summary><see cref="ShardEnvironment.Resolve"/>'s <c>shardCount</c>: the number of shards where the engine gives only an index.</summary>
    public static SettingDescription ShardCount { get; } = new()
    {
        Setting = ShardSetting.ShardCount,
        Key = "shards",
        Name = "shardCount",
        Help = $"The number of shards when the engine gives only an index (Kubernetes: the Job's completions; AWS Batch gives {ShardEnvironment.AwsBatchSize} itself).",
        Default = "from the job engine",
        Range = new(1, Whole: true),
        Fix = "Give the number of shards the job engine runs.",
    };

    /// <summary>Both, in the order hosts list them.</summary>
    public static IReadOnlyList<SettingDescription> All { get; } = [Shard, ShardCount];
}
