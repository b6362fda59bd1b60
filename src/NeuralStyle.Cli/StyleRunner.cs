using NeuralStyle.Cli.Reporting;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Transfer;
using NeuralStyle.Weights;
using TorchSharp;

namespace NeuralStyle.Cli;

/// <summary>Runs one style job: checks its files, loads the backbone, builds the transfer once, runs it with the reporter's sinks and saves the result.</summary>
internal sealed class StyleRunner
{
    private readonly IRunReporter _reporter;
    private readonly WeightsCache _cache;

    public StyleRunner(IRunReporter reporter, WeightsCache cache)
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
        StyleTransfer transfer = Configure(job, extractor).Build();
        _reporter.Started(new RunStart(
            job.Content, job.Styles.Select(s => s.Path).ToArray(), BackboneFactory.Describe(extractor, job), transfer.Settings.Optimization.Evaluations,
            transfer.Settings.Optimization.MultiScale is not null, transfer.Settings.Optimization.Optimizer.Kind.ToString()));

        var snapshots = new SnapshotWriter(job.Output, job.Overwrite, _reporter);
        using StyleTransferResult result = await _reporter.TrackAsync(sink => transfer.RunAsync(
            new RunReporting
            {
                Progress = sink,
                Snapshot = job.SaveEvery == 0 ? null : snapshots.Write,
                SnapshotEvery = job.SaveEvery,
            },
            cancellationToken)).ConfigureAwait(false);
        result.Save(job.Output, job.Overwrite, cancellationToken);
        _reporter.Finished(new RunSummary(
            job.Output, result.Image.Width, result.Image.Height, result.LossHistory.Count, result.Elapsed.TotalSeconds,
            result.LossHistory[0].Total, result.LossHistory[^1].Total));
    }

    private static StyleTransferBuilder Configure(StyleJob job, IFeatureExtractor extractor)
    {
        StyleTransferBuilder builder = new StyleTransferBuilder()
            .WithFeatureExtractor(extractor)
            .WithSettings(job.Settings)
            .WithContent(job.Content);
        foreach (StyleFile style in job.Styles)
        {
            builder.AddStyle(style.Path, style.Weight, style.Mask);
        }

        return builder;
    }
}
