using NeuralStyle.Configuration;

namespace NeuralStyle.Batch.Sharding;

/// <summary>The sharding's settings, where a <see cref="ShardEnvironment.Resolve"/> problem lies.</summary>
public static class ShardSetting
{
    /// <summary>A shard given explicitly (<see cref="ShardEnvironment.Resolve"/>'s <c>explicitShard</c>).</summary>
    public static Setting Shard { get; } = new("Batch.Shard");

    /// <summary>The number of shards, for engines that give only an index (<see cref="ShardEnvironment.Resolve"/>'s <c>shardCount</c>).</summary>
    public static Setting ShardCount { get; } = new("Batch.ShardCount");
}
