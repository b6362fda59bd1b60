using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NeuralStyle.Batch.Running;
using NeuralStyle.Batch.Sharding;
using NeuralStyle.FastStyle.Training;
using NeuralStyle.Styles;
using NeuralStyle.Stylizing;
using NeuralStyle.Transfer;
using NeuralStyle.Weights;

namespace NeuralStyle.Cli.Reporting;

/// <summary>Machine-readable reporting: one JSON object per line on standard output (errors also on standard error).</summary>
internal sealed class JsonReporter : IRunReporter
{
    private readonly CliConsole _console;
    private readonly Lock _gate = new();

    public JsonReporter(CliConsole console) => _console = console;

    public void Started(RunStart start) => Write(
        new StartEvent(start.Content, start.Styles, start.Backbone, start.Evaluations, start.MultiScale, start.Optimizer), JsonEventContext.Default.StartEvent);

    public Task<T> TrackAsync<T>(Func<IProgress<StyleTransferProgress>, Task<T>> work) =>
        work(new SynchronousProgress<StyleTransferProgress>(p => Write(
            new ProgressEvent(p.Evaluation, p.TotalEvaluations, p.Losses.Total, p.Losses.Content, p.Losses.Style, p.Losses.TotalVariation, p.Elapsed.TotalSeconds, p.EstimatedRemaining.TotalSeconds),
            JsonEventContext.Default.ProgressEvent)));

    public Task<T> TrackDownloadAsync<T>(string what, Func<IProgress<DownloadProgress>, Task<T>> work) =>
        work(new SynchronousProgress<DownloadProgress>(p => Write(new DownloadEvent(p.BytesReceived, p.TotalBytes, p.Resumed), JsonEventContext.Default.DownloadEvent)));

    public Task<T> TrackTrainingAsync<T>(string what, Func<IProgress<TrainingProgress>, Task<T>> work) =>
        work(new SynchronousProgress<TrainingProgress>(p => Write(
            new TrainingEvent(p.Step, p.TotalSteps, p.Loss.Total, p.Loss.Content, p.Loss.Style, p.Loss.TotalVariation, p.ImagesPerSecond, p.Elapsed.TotalSeconds, p.Remaining.TotalSeconds, p.SkippedImages),
            JsonEventContext.Default.TrainingEvent)));

    public Task<T> TrackBatchAsync<T>(ShardAssignment shard, int shardJobs, int totalJobs, Func<IProgress<BatchProgress>, Task<T>> work)
    {
        Write(new BatchStartEvent(shard.Shard.ToString(), Options.DescribedOptions.Annotate(shard.Source), shardJobs, totalJobs), JsonEventContext.Default.BatchStartEvent);
        return work(new SynchronousProgress<BatchProgress>(p =>
        {
            if (p.Finished is BatchJobOutcome outcome)
            {
                Write(
                    new JobEvent(p.Job.Line, p.Job.Output, outcome.State.ToString().ToLowerInvariant(), p.Completed, p.Total, outcome.Elapsed.TotalSeconds, outcome.Failure is null ? null : FailureText.Of(outcome.Failure)),
                    JsonEventContext.Default.JobEvent);
            }
            else if (p.JobFraction == 0)
            {
                Write(new JobEvent(p.Job.Line, p.Job.Output, "running", p.Completed, p.Total, 0, null), JsonEventContext.Default.JobEvent);
            }
        }));
    }

    public void BatchFinished(BatchReport report) =>
        Write(new BatchDoneEvent(report.Shard.ToString(), report.Done, report.Skipped, report.Failed, report.Elapsed.TotalSeconds), JsonEventContext.Default.BatchDoneEvent);

    public void StyleListed(BuiltInStyleInfo style) => Write(new StyleEvent(style.Name, style.Painting, style.Training), JsonEventContext.Default.StyleEvent);

    public void Wrote(string path, string what) => Write(new WroteEvent(path, what), JsonEventContext.Default.WroteEvent);

    public void SnapshotWritten(int evaluation, string path) => Write(new SnapshotEvent(evaluation, path), JsonEventContext.Default.SnapshotEvent);

    public void Finished(RunSummary summary) => Write(
        new DoneEvent(summary.Output, summary.Width, summary.Height, summary.Evaluations, summary.Seconds, summary.InitialLoss, summary.FinalLoss), JsonEventContext.Default.DoneEvent);

    public void Downloaded(string path) => Write(new DownloadedEvent(path), JsonEventContext.Default.DownloadedEvent);

    public void Failed(ExitCode code, string message)
    {
        Write(new ErrorEvent((int)code, code.ToString(), message), JsonEventContext.Default.ErrorEvent);
        _console.Error.WriteLine($"neural-style: error: {message}");
    }

    private void Write<T>(T value, JsonTypeInfo<T> type)
    {
        string line = JsonSerializer.Serialize(value, type);
        lock (_gate)
        {
            _console.Out.WriteLine(line);
        }
    }
}
