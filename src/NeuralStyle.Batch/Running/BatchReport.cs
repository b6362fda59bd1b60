using NeuralStyle.Batch.Sharding;

namespace NeuralStyle.Batch.Running;

/// <summary>What a run of one shard did.</summary>
/// <param name="Shard">The shard that ran.</param>
/// <param name="Outcomes">One per job of the shard, in manifest order.</param>
/// <param name="Elapsed">The run's wall time.</param>
public sealed record BatchReport(Shard Shard, IReadOnlyList<BatchJobOutcome> Outcomes, TimeSpan Elapsed)
{
    /// <summary>Jobs written.</summary>
    public int Done => Outcomes.Count(o => o.State == BatchJobState.Done);

    /// <summary>Jobs skipped (already done).</summary>
    public int Skipped => Outcomes.Count(o => o.State == BatchJobState.Skipped);

    /// <summary>Jobs failed.</summary>
    public int Failed => Outcomes.Count(o => o.State == BatchJobState.Failed);

    /// <summary>Whether every job of the shard is done or was already done.</summary>
    public bool AllSucceeded => Failed == 0;
}
