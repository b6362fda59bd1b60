using NeuralStyle.Batch.Running;
using NeuralStyle.Batch.Sharding;

namespace NeuralStyle.Cli.Reporting;

/// <summary>What <c>neural-style batch</c> reports.</summary>
internal interface IBatchReporter : IReporter
{
    /// <summary>Runs a batch with a progress sink that displays jobs done out of the shard's and the current job's progress.</summary>
    Task<T> TrackBatchAsync<T>(ShardAssignment shard, int shardJobs, int totalJobs, Func<IProgress<BatchProgress>, Task<T>> work);

    /// <summary>A batch ended (some jobs may have failed).</summary>
    void BatchFinished(BatchReport report);
}
