using NeuralStyle.Batch.Running;
using NeuralStyle.Batch.Sharding;
using NeuralStyle.FastStyle.Training;
using NeuralStyle.Styles;
using NeuralStyle.Transfer;
using NeuralStyle.Weights;

namespace NeuralStyle.Cli.Reporting;

/// <summary>Reports a command's progress in one of the <see cref="OutputMode"/>s.</summary>
internal interface IRunReporter
{
    /// <summary>A transfer is starting.</summary>
    void Started(RunStart start);

    /// <summary>Runs <paramref name="work"/> with a progress sink that displays transfer progress (each report carries the run's total).</summary>
    Task<T> TrackAsync<T>(Func<IProgress<StyleTransferProgress>, Task<T>> work);

    /// <summary>Runs <paramref name="work"/> with a progress sink that displays download progress.</summary>
    Task<T> TrackDownloadAsync<T>(string what, Func<IProgress<DownloadProgress>, Task<T>> work);

    /// <summary>Runs <paramref name="work"/> with a progress sink that displays training progress.</summary>
    Task<T> TrackTrainingAsync<T>(string what, Func<IProgress<TrainingProgress>, Task<T>> work);

    /// <summary>Runs a batch with a progress sink that displays jobs done out of the shard's and the current job's progress.</summary>
    Task<T> TrackBatchAsync<T>(ShardAssignment shard, int shardJobs, int totalJobs, Func<IProgress<BatchProgress>, Task<T>> work);

    /// <summary>A batch ended (some jobs may have failed).</summary>
    void BatchFinished(BatchReport report);

    /// <summary>A file other than a transfer's result was written (a model, an export, a stylised image).</summary>
    void Wrote(string path, string what);

    /// <summary>A built-in style, listed by <c>neural-style styles</c>.</summary>
    void StyleListed(BuiltInStyleInfo style);

    /// <summary>A numbered snapshot was written.</summary>
    void SnapshotWritten(int evaluation, string path);

    /// <summary>The transfer's result was written.</summary>
    void Finished(RunSummary summary);

    /// <summary>A download finished.</summary>
    void Downloaded(string path);

    /// <summary>The command failed.</summary>
    void Failed(ExitCode code, string message);
}
