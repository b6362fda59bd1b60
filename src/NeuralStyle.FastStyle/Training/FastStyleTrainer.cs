using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NeuralStyle.Configuration;
using NeuralStyle.Engine;
using NeuralStyle.FastStyle.Diagnostics;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Optimization;
using NeuralStyle.Transfer;
using TorchSharp;

namespace NeuralStyle.FastStyle.Training;

/// <summary>
/// Trains a fast style network (Johnson et al. 2016) with the core's perceptual losses: for each
/// step, a batch of random crops of the content photos goes through the network, the loss network
/// compares the outputs with their crops (content) and with the style (Gram targets), plus total
/// variation, and Adam updates the network. Made by <see cref="FastStyleTrainerBuilder"/>.
/// </summary>
public sealed class FastStyleTrainer
{
    private readonly IReadOnlyList<string> _photos;
    private readonly IReadOnlyList<StyleInput> _styles;
    private readonly string _styleName;
    private readonly IFeatureExtractor _extractor;
    private readonly ResolvedObjective _objective;
    private readonly ImageLoader _loader;
    private readonly string? _checkpoint;
    private readonly bool _resume;
    private readonly FastStyleModel? _initial;
    private readonly TrainingPrecision _precision;
    private readonly ILogger _logger;

    internal FastStyleTrainer(
        FastStyleTrainingSettings settings,
        IReadOnlyList<string> photos,
        IReadOnlyList<StyleInput> styles,
        string styleName,
        IFeatureExtractor extractor,
        ResolvedObjective objective,
        ImageLoader loader,
        string? checkpoint,
        bool resume,
        FastStyleModel? initial,
        TrainingPrecision precision,
        ILogger logger)
    {
        Settings = settings;
        _photos = photos;
        _styles = styles;
        _styleName = styleName;
        _extractor = extractor;
        _objective = objective;
        _loader = loader;
        _checkpoint = checkpoint;
        _resume = resume;
        _initial = initial;
        _precision = precision;
        _logger = logger;
    }

    /// <summary>Called with each step's gradients before they are checked (tests inject bad values here).</summary>
    internal Action<long, IList<torch.Tensor>>? GradientsComputed { get; set; }

    /// <summary>The validated settings.</summary>
    public FastStyleTrainingSettings Settings { get; }

    /// <summary>The arithmetic the style network trains in: <see cref="FastStyleTrainingSettings.Precision"/> on the loss network's device (never <see cref="TrainingPrecision.Auto"/>).</summary>
    public TrainingPrecision Precision => _precision;

    /// <summary>The content photos found, in the order the seed draws from.</summary>
    public IReadOnlyList<string> Photos => _photos;

    /// <summary>Trains on a dedicated background thread (TorchSharp's dispose scopes are per thread).</summary>
    /// <inheritdoc cref="Train"/>
    public Task<FastStyleModel> TrainAsync(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(() => Train(progress, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Trains to <see cref="FastStyleTrainingSettings.Steps"/> and returns the network (the caller disposes it).</summary>
    /// <remarks>
    /// Before each update every gradient is checked: a step whose loss or gradient is not finite
    /// updates nothing, so the network, every checkpoint and the model file only ever hold a good
    /// step's weights.
    /// </remarks>
    /// <param name="progress">Told after every step.</param>
    /// <param name="cancellationToken">Checked before each step and while waiting for photos; the last checkpoint stays as it was.</param>
    /// <exception cref="TrainingCancelledException">Cancelled; the message names the checkpoint kept.</exception>
    /// <exception cref="StyleTransferDivergedException">A loss or gradient was not finite; the message names the parameter, the step and the checkpoint kept.</exception>
    /// <exception cref="InvalidDataException">No content photo can be decoded.</exception>
    public FastStyleModel Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        FastStyleTrainingSettings settings = Settings;
        string resumeKey = settings.ResumeKey(
            _precision,
            _extractor.Name,
            string.Join(';', _styles.Select(s => FormattableString.Invariant($"{(s.Source.FilePath is string path ? Path.GetFileName(path) : s.Source.Description)}:{s.Weight}"))),
            _initial?.Info);
        var info = new FastStyleModelInfo
        {
            Architecture = settings.Architecture,
            StyleName = _styleName,
            LossNetwork = _extractor.Name,
            TrainingSize = settings.Size,
            TrainingSettings = settings.Describe(_precision, _initial?.Info),
        };

        (TransformerNet network, AdamMoments[] moments, long start) = Start(resumeKey);
        long step = start;
        long? checkpointStep = _resume && start > 0 ? start : null;
        try
        {
            network.RequireGradients(true);
            torch.Tensor[] parameters = network.Parameters.Select(p => p.Value).ToArray();
            string[] names = network.Parameters.Select(p => p.Key).ToArray();
            OptimizerSettings adam = OptimizerSettings.For(OptimizerKind.Adam);
            FastStyleLog.Starting(_logger, _photos.Count, settings.Architecture.ToString(), settings.Size, settings.BatchSize, start + 1, settings.Steps, TrainingSettingDescriptions.PrecisionText(_precision), _extractor.Name);
            using PerceptualLoss loss = CreateLoss(out ColorPalette palette);
            info = info with { Palette = palette };
            using var feed = new ContentFeed(
                _photos, settings.Size, settings.BatchSize, settings.Seed, start * settings.BatchSize, _loader, settings.CacheMegabytes * 1024L * 1024, _logger);
            var clock = Stopwatch.StartNew();
            var rate = new ThroughputMeter();
            for (step = start + 1; step <= settings.Steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                LossBreakdown terms = Step(network, parameters, names, moments, loss, feed, step, adam, checkpointStep, cancellationToken);
                double imagesPerSecond = rate.Add(settings.BatchSize, clock.Elapsed);
                if (settings.CheckpointEvery > 0 && step % settings.CheckpointEvery == 0)
                {
                    TrainingCheckpoint.Write(_checkpoint!, network, moments, step, resumeKey, info);
                    checkpointStep = step;
                    FastStyleLog.CheckpointWritten(_logger, step, _checkpoint!);
                }

                FastStyleLog.Stepped(_logger, step, settings.Steps, terms.Total, terms.Content, terms.Style, terms.TotalVariation, imagesPerSecond);
                progress?.Report(new TrainingProgress(
                    step,
                    settings.Steps,
                    terms,
                    imagesPerSecond,
                    clock.Elapsed,
                    imagesPerSecond > 0 ? TimeSpan.FromSeconds((settings.Steps - step) * settings.BatchSize / imagesPerSecond) : TimeSpan.Zero,
                    feed.Skipped));
            }

            FastStyleLog.Finished(_logger, settings.Steps, clock.Elapsed.TotalSeconds);
            var model = new FastStyleModel(network, info with { Steps = Math.Max(start, settings.Steps) });
            network = null!;
            return model;
        }
        catch (OperationCanceledException cancelled) when (cancelled is not TrainingCancelledException)
        {
            throw new TrainingCancelledException(step - 1, _checkpoint, checkpointStep, settings.CheckpointEvery, cancelled);
        }
        finally
        {
            network?.Dispose();
            foreach (AdamMoments moment in moments)
            {
                moment.Dispose();
            }
        }
    }

    private LossBreakdown Step(
        TransformerNet network,
        torch.Tensor[] parameters,
        string[] names,
        AdamMoments[] moments,
        PerceptualLoss loss,
        ContentFeed feed,
        long step,
        OptimizerSettings adam,
        long? checkpointStep,
        CancellationToken cancellationToken)
    {
        using var scope = torch.NewDisposeScope();
        // The batch was made outside this scope: disposed as soon as it is on the network's device.
        torch.Tensor input = feed.Next(cancellationToken).to(network.Parameters[0].Value.device, disposeAfter: true);
        (torch.Tensor total, torch.Tensor terms) = loss.Compute(network.Forward(input, _precision), input);
        double[] values = terms.to(torch.ScalarType.Float64).cpu().data<double>().ToArray();
        if (!values.All(double.IsFinite))
        {
            throw new StyleTransferDivergedException(
                $"The training loss became {values[0]} at step {step} (content {values[1]}, style {values[2]}, total variation {values[3]}) although every weight was finite: "
                + "the forward pass overflowed. Nothing was updated. If the loss had been rising, lower the learning rate or the style weight. "
                + TrainingState.Kept(_checkpoint, checkpointStep, Settings.CheckpointEvery));
        }

        IList<torch.Tensor> gradients = torch.autograd.grad([total], parameters);
        GradientsComputed?.Invoke(step, gradients);
        IReadOnlyList<string> failing = FiniteCheck.Failing(names, [.. gradients]);
        if (failing.Count > 0)
        {
            throw new StyleTransferDivergedException(
                FormattableString.Invariant($"At step {step} the gradient of {FiniteCheck.Describe(failing)} was not finite (or too large for float32) while the loss was finite ({values[0]:G6}). ")
                + "Nothing was updated. A finite loss with a bad gradient comes from the backward pass's arithmetic (a native kernel), not from the learning rate. "
                + "To tell whether libtorch's oneDNN AVX-512 kernels are the cause, resume with the environment variable ONEDNN_MAX_CPU_ISA=AVX2 set, "
                + "and report the CPU and the message (docs/troubleshooting.md). "
                + TrainingState.Kept(_checkpoint, checkpointStep, Settings.CheckpointEvery));
        }

        for (int i = 0; i < parameters.Length; i++)
        {
            moments[i].Step(parameters[i], gradients[i], step, Settings.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon);
        }

        return new LossBreakdown(values[0], values[1], values[2], values[3]);
    }

    /// <summary>
    /// The network, Adam's moments and the steps already done: from the checkpoint when resuming
    /// from one, else a copy of the initial model (warm start) or a freshly seeded network.
    /// </summary>
    private (TransformerNet Network, AdamMoments[] Moments, long Step) Start(string resumeKey)
    {
        if (_resume && File.Exists(_checkpoint))
        {
            (TransformerNet network, AdamMoments[] moments, long step) = TrainingCheckpoint.Read(_checkpoint, Settings.Architecture, resumeKey, _extractor.Device);
            FastStyleLog.Resuming(_logger, _checkpoint, step);
            return (network, moments, step);
        }

        TransformerNet fresh = _initial is null
            ? TransformerNet.Initialize(Settings.Architecture, Settings.Seed, _extractor.Device)
            : TransformerNet.FromState(Settings.Architecture, _initial.Network.Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), _extractor.Device);
        return (fresh, fresh.Parameters.Select(p => new AdamMoments(p.Value)).ToArray(), 0);
    }

    /// <summary>The loss with the style targets (each style image at the training style size, RGB in [0, 1]), and the styles' palette, pooled by their weights.</summary>
    private PerceptualLoss CreateLoss(out ColorPalette palette)
    {
        using var scope = torch.NewDisposeScope();
        var styles = new List<StyleTensor>();
        var palettes = new List<(ColorPalette, double)>();
        foreach (StyleInput style in _styles)
        {
            using TransferImage image = _loader.Load(style.Source);
            using TransferImage sized = image.Resize(OutputSize.LongestSide(Settings.StyleSizeInForce));
            styles.Add(new StyleTensor(ImageTensor.FromImage(sized.Color, _extractor.Device, _extractor.DataType), style.Weight));
            palettes.Add((ColorPalette.Of(sized.Color), style.Weight));
        }

        palette = ColorPalette.Mix(palettes);
        return new PerceptualLoss(_extractor, _objective, styles);
    }
}
