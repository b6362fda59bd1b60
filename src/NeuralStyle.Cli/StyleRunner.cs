using System.Diagnostics;
using NeuralStyle.Cli.Reporting;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Stylizing;
using NeuralStyle.Transfer;
using NeuralStyle.Weights;

namespace NeuralStyle.Cli;

/// <summary>
/// Runs one style job: checks its files, loads the backbone, builds the transfer's stylizer once and
/// runs it through <see cref="StylizePipeline"/> with the reporter's sinks (and <c>--save-every</c> snapshots).
/// </summary>
internal sealed class StyleRunner
{
    private readonly ITransferReporter _reporter;
    private readonly WeightsCache _cache;

    public StyleRunner(ITransferReporter reporter, WeightsCache cache)
    {
        _reporter = reporter;
        _cache = cache;
    }

    public async Task RunAsync(StyleJob job, CancellationToken cancellationToken)
    {
        ImageWriter.EnsureSupported(job.Output);
        InputGuard.EnsureWritable(job);
        NativeRuntime.Prepare(job.Threads);
        using IFeatureExtractor extractor = BackboneFactory.Create(job, _cache);
        using TransferStylizer transfer = job.BuildStylizer(extractor, BackboneFactory.Describe(extractor, job));
        _reporter.Started(new RunStart(
            job.Content, job.Styles.Select(s => s.Source.FilePath!).ToArray(), BackboneFactory.Describe(extractor, job), transfer.Settings.Optimization.Evaluations,
            transfer.Settings.Optimization.MultiScale is not null, transfer.Settings.Optimization.Optimizer.Kind.ToString()));

        var clock = Stopwatch.StartNew();
        var snapshots = new SnapshotWriter(job.Output, job.Overwrite, _reporter);
        var run = new ReportedTransfer(transfer, job.SaveEvery == 0 ? null : snapshots.Write, job.SaveEvery);
        await _reporter.TrackAsync(async sink =>
        {
            run.Progress = sink;
            await new StylizePipeline(job.ImageLimits).StylizeFileAsync(run, job.Content, job.Output, job.Overwrite, progress: null, cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        IReadOnlyList<LossBreakdown> history = run.History;
        _reporter.Finished(new RunSummary(
            job.Output, run.Width, run.Height, history.Count, clock.Elapsed.TotalSeconds, history[0].Total, history[^1].Total));
    }

    /// <summary>
    /// The transfer as the pipeline's stylizer, with what only the command shows: progress at every
    /// evaluation, numbered snapshots, and the loss history for the summary.
    /// </summary>
    private sealed class ReportedTransfer(TransferStylizer transfer, Action<StyleSnapshot>? snapshot, int snapshotEvery) : IStylizer
    {
        public IProgress<StyleTransferProgress>? Progress { get; set; }

        public IReadOnlyList<LossBreakdown> History { get; private set; } = [];

        public int Width { get; private set; }

        public int Height { get; private set; }

        public string Description => transfer.Description;

        public IReadOnlyList<(string Path, string Role)> Inputs => transfer.Inputs;

        public string Identity => transfer.Identity;

        public async Task<TransferImage> StylizeAsync(TransferImage content, IProgress<StylizeProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            StyleTransferResult result = await transfer.RunAsync(content, new RunReporting { Progress = Progress, Snapshot = snapshot, SnapshotEvery = snapshotEvery }, cancellationToken).ConfigureAwait(false);
            (History, Width, Height) = (result.LossHistory, result.Image.Width, result.Image.Height);
            return result.Image;
        }

        public void Dispose()
        {
        }
    }
}
