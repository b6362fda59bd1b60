using NeuralStyle.Cli.Reporting;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Losses;
using NeuralStyle.Optimization;
using NeuralStyle.Runtime;
using NeuralStyle.Transfer;
using NeuralStyle.Weights;
using TorchSharp;

namespace NeuralStyle.Cli;

/// <summary>Runs one style transfer as the command line describes it, reporting as it goes.</summary>
internal sealed class StyleRunner
{
    private readonly IRunReporter _reporter;
    private readonly WeightsCache _cache;

    public StyleRunner(IRunReporter reporter, WeightsCache cache)
    {
        _reporter = reporter;
        _cache = cache;
    }

    public async Task RunAsync(StyleOptions options, CancellationToken cancellationToken)
    {
        ImageWriter.EnsureSupported(options.Output);
        if (!options.Overwrite && File.Exists(options.Output))
        {
            throw new IOException($"'{options.Output}' already exists: choose another output or pass --overwrite.");
        }

        EnsureExists(options.Content, "content image");
        foreach (string style in options.Styles)
        {
            EnsureExists(style, "style image");
        }

        foreach (string mask in options.StyleMasks ?? [])
        {
            EnsureExists(mask, "style mask");
        }

        // Before the run's first tensor, the only moment it can take effect (a no-op after that):
        // large activations on huge pages, 1.16–1.22x faster evaluations at the largest sizes
        // (docs/performance.md). THP_MEM_ALLOC_ENABLE=0 in the environment opts out.
        NativeAllocation.TryEnableHugePages();
        if (options.Threads is int threads)
        {
            torch.set_num_threads(threads);
        }

        torch.Device device = ParseDevice(options.Device);
        using IFeatureExtractor extractor = BackboneFactory.Create(options, device, _cache);
        var snapshots = new SnapshotWriter(options.Output, options.Overwrite, _reporter);
        var progress = new ProgressRelay<StyleTransferProgress>();
        StyleTransfer transfer = Configure(options, extractor, snapshots).WithProgress(progress).Build();
        _reporter.Started(new RunStart(
            options.Content, options.Styles, BackboneFactory.Describe(extractor, options), transfer.Settings.Iterations,
            transfer.Settings.Optimizer.Kind.ToString()));

        using StyleTransferResult result = await _reporter.TrackAsync(transfer.Settings.Iterations, sink =>
        {
            progress.Target = sink;
            return transfer.RunAsync(cancellationToken);
        }).ConfigureAwait(false);
        result.Save(options.Output, options.Overwrite, cancellationToken);
        _reporter.Finished(new RunSummary(
            options.Output, result.Image.Width, result.Image.Height, result.LossHistory.Count, result.Elapsed.TotalSeconds,
            result.LossHistory[0].Total, result.LossHistory[^1].Total));
    }

    private static StyleTransferBuilder Configure(StyleOptions options, IFeatureExtractor extractor, SnapshotWriter snapshots)
    {
        StyleTransferBuilder builder = new StyleTransferBuilder()
            .WithFeatureExtractor(extractor)
            .UsePreset(options.Preset)
            .WithContent(options.Content)
            .WithSeed(options.Seed);
        for (int i = 0; i < options.Styles.Count; i++)
        {
            builder.AddStyle(options.Styles[i], options.StyleBlend?[i] ?? 1, options.StyleMasks?[i]);
        }

        StyleTransferSettings preset = builder.Settings;
        builder.WithWeights(
            options.ContentWeight ?? preset.ContentWeight,
            options.StyleWeight ?? preset.StyleWeight,
            options.TotalVariationWeight ?? preset.TotalVariationWeight);
        if (options.Size is int size)
        {
            builder.WithSize(OutputSize.LongestSide(size));
        }

        if (options.Iterations is int iterations)
        {
            builder.WithIterations(iterations);
        }

        if (options.PreserveColors || options.ColorMatch)
        {
            builder.WithColorPreservation(options.ColorMatch ? ColorPreservation.ColorMatching : ColorPreservation.LuminanceOnly);
        }

        if (options.StyleScale is double styleScale)
        {
            builder.WithStyleScale(styleScale);
        }

        if (options.StyleLoss is StyleLossKind styleLoss)
        {
            builder.WithStyleLoss(styleLoss);
        }

        builder.WithNormalizedGradients(options.NormalizeGradients).WithMultiScale(options.MultiScale).WithTiling(options.Tiling);

        if (options.Init is InitMode init)
        {
            builder.WithInit(init);
        }

        if (options.Optimizer is not null || options.LearningRate is not null || options.AverageDecay is not null)
        {
            OptimizerSettings optimizer = Optimizer(options.Optimizer ?? preset.Optimizer.Kind, options.LearningRate, preset.Optimizer);
            builder.WithOptimizer(optimizer with { AverageDecay = options.AverageDecay ?? optimizer.AverageDecay });
        }

        if (options.SaveEvery > 0)
        {
            builder.WithSnapshots(options.SaveEvery, snapshots.Write);
        }

        return builder;
    }

    private static OptimizerSettings Optimizer(OptimizerKind kind, double? learningRate, OptimizerSettings preset) => kind switch
    {
        OptimizerKind.Lbfgs => OptimizerSettings.Lbfgs(),
        OptimizerKind.Adam => OptimizerSettings.Adam(learningRate ?? 0.02),
        OptimizerKind.Sgd when preset.Kind == OptimizerKind.Sgd => preset with { LearningRate = learningRate ?? preset.LearningRate },
        OptimizerKind.Sgd => OptimizerSettings.Sgd(learningRate ?? 0.01),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer."),
    };

    private static void EnsureExists(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The {what} '{path}' does not exist.", path);
        }
    }

    private static torch.Device ParseDevice(string device)
    {
        try
        {
            return new torch.Device(device);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new StyleTransferConfigurationException([$"--device '{device}' is not a torch device: use cpu, cuda or cuda:N."]);
        }
    }
}
