using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NeuralStyle.Configuration;
using NeuralStyle.Engine;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Optimization;
using TorchSharp;

namespace NeuralStyle.Transfer;

/// <summary>
/// A configured, validated style transfer, made by <see cref="StyleTransferBuilder"/>. Run it
/// with <see cref="Run(RunReporting, CancellationToken)"/> or <see cref="RunAsync(RunReporting, CancellationToken)"/>,
/// giving each run its own progress and snapshot sinks; it can be run several times, and does
/// not own the feature extractor.
/// </summary>
public sealed class StyleTransfer
{
    private readonly IFeatureExtractor _extractor;
    private readonly ImageSource _content;
    private readonly IReadOnlyList<StyleInput> _styles;
    private readonly ILogger _logger;
    private readonly ImageLoader _loader;
    private readonly StyleTargetCache? _targetCache;

    internal StyleTransfer(
        IFeatureExtractor extractor,
        ImageSource content,
        IReadOnlyList<StyleInput> styles,
        StyleTransferSettings settings,
        ResolvedObjective objective,
        ILogger? logger,
        ImageLoadOptions loadOptions,
        StyleTargetCache? targetCache)
    {
        _targetCache = targetCache;
        _extractor = extractor;
        _content = content;
        _styles = styles;
        Settings = settings;
        Objective = objective;
        _logger = logger ?? NullLogger.Instance;
        _loader = ImageLoader.ForValidated(loadOptions);
    }

    /// <summary>The settings in force (validated).</summary>
    public StyleTransferSettings Settings { get; }

    /// <summary>The objective, its layers resolved by the feature extractor.</summary>
    public ResolvedObjective Objective { get; }

    /// <summary>Runs the transfer on the calling thread, reporting nothing.</summary>
    /// <inheritdoc cref="Run(RunReporting, CancellationToken)"/>
    public StyleTransferResult Run(CancellationToken cancellationToken = default) => Run(RunReporting.None, cancellationToken);

    /// <summary>Runs the transfer on the calling thread.</summary>
    /// <param name="reporting">Where this run reports progress and snapshots.</param>
    /// <param name="cancellationToken">Checked before every evaluation (and between tiles).</param>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="StyleTransferConfigurationException">A cadence of <paramref name="reporting"/> is negative.</exception>
    /// <exception cref="InvalidImageException">An input image could not be read, or is too small for the network at the working size.</exception>
    /// <exception cref="StyleTransferDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="InsufficientMemoryException">The estimated peak memory exceeds <see cref="MemorySettings.LimitBytes"/> (or the available memory); raised before optimising.</exception>
    public StyleTransferResult Run(RunReporting reporting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reporting);
        var problems = new ProblemList();
        reporting.Validate(problems);
        problems.ThrowIfAny();
        var clock = Stopwatch.StartNew();
        cancellationToken.ThrowIfCancellationRequested();
        using TransferImage content = _content.Load(_loader);
        (int width, int height) = Settings.Image.Size.Apply(content.Width, content.Height);
        IReadOnlyList<ScaleStage> stages = PlanScales(width, height);
        EnsureLargeEnough(_content, content, stages.Select(s => (s.Width, s.Height)));
        cancellationToken.ThrowIfCancellationRequested();
        var inputs = new List<LoadedStyle>(_styles.Count);
        try
        {
            foreach (StyleInput style in _styles)
            {
                TransferImage image = style.Source.Load(_loader);
                inputs.Add(new LoadedStyle(image, null, style.Weight));
                EnsureLargeEnough(style.Source, image, stages.Select(s => StageImages.StyleSize(Settings.Image, image, s)));
                if (style.Mask is not null)
                {
                    inputs[^1] = inputs[^1] with { Mask = style.Mask.Load(_loader) };
                }

                cancellationToken.ThrowIfCancellationRequested();
            }

            EnsureMemoryFor(width, height, inputs, stages);
            return Optimize(content, inputs, stages, reporting, clock, cancellationToken);
        }
        finally
        {
            foreach (LoadedStyle style in inputs)
            {
                style.Image.Dispose();
                style.Mask?.Dispose();
            }
        }
    }

    /// <summary>
    /// Runs the transfer on a dedicated background thread (TorchSharp's dispose scopes are per
    /// thread, so the whole run stays on one), reporting nothing.
    /// </summary>
    /// <inheritdoc cref="Run(RunReporting, CancellationToken)"/>
    public Task<StyleTransferResult> RunAsync(CancellationToken cancellationToken = default) => RunAsync(RunReporting.None, cancellationToken);

    /// <summary>
    /// Runs the transfer on a dedicated background thread (TorchSharp's dispose scopes are per
    /// thread, so the whole run stays on one).
    /// </summary>
    /// <inheritdoc cref="Run(RunReporting, CancellationToken)"/>
    public Task<StyleTransferResult> RunAsync(RunReporting reporting, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(
            () => Run(reporting, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    /// <summary>
    /// The scales a run with these settings optimises for a <paramref name="width"/> x
    /// <paramref name="height"/> output, coarsest first: one scale without
    /// <see cref="OptimizationSettings.MultiScale"/>, else the size ladder, less the coarse scales
    /// whose shorter side is below what the network takes (an elongated image starts at a finer
    /// scale instead of being refused; the output's own scale is always kept).
    /// </summary>
    public IReadOnlyList<ScaleStage> PlanScales(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        OptimizationSettings optimization = Settings.Optimization;
        if (optimization.MultiScale is not MultiScaleSettings multiScale)
        {
            return [new ScaleStage(0, 1, width, height, optimization.Evaluations)];
        }

        int minimum = _extractor.MinimumInputSide(Objective.Deepest);
        IReadOnlyList<int> ladder = multiScale.Sides(Math.Max(width, height));
        int[] sides = ladder.Where((side, i) => i == ladder.Count - 1 || ShorterSide(side) >= minimum).ToArray();
        return sides.Select((side, i) =>
        {
            bool last = i == sides.Length - 1;
            (int w, int h) = last ? (width, height) : OutputSize.LongestSide(side).Apply(width, height);
            return new ScaleStage(i, sides.Length, w, h, last ? optimization.Evaluations : multiScale.CoarseEvaluations ?? optimization.Evaluations);
        }).ToArray();

        int ShorterSide(int longest)
        {
            (int w, int h) = OutputSize.LongestSide(longest).Apply(width, height);
            return Math.Min(w, h);
        }
    }

    /// <summary>Estimates this transfer's peak memory for a <paramref name="width"/> x <paramref name="height"/> output.</summary>
    public MemoryEstimate EstimateMemory(int width, int height) =>
        MemoryEstimator.Estimate(_extractor, Objective, Settings, width, height);

    private StyleTransferResult Optimize(
        TransferImage original, List<LoadedStyle> inputs, IReadOnlyList<ScaleStage> stages, RunReporting reporting, Stopwatch clock, CancellationToken cancellationToken)
    {
        var image = new ImageParameterization(_extractor, Settings.Optimization.Space);
        var optimizer = new StyleOptimizer(image, Objective, Settings.Optimization, Settings.Memory.Tiling, _logger, _targetCache);
        var images = new StageImages(_extractor, Settings.Image);
        var history = new List<LossBreakdown>();
        int total = (int)Math.Min(int.MaxValue, stages.Sum(s => (long)s.Evaluations));
        torch.Tensor? previous = null;
        try
        {
            foreach (ScaleStage stage in stages)
            {
                using var scope = torch.NewDisposeScope();
                using TransferImage content = original.ResizeTo(stage.Width, stage.Height);
                torch.Tensor contentTensor = images.ToTensor(content);
                StyleTensor[] styles = inputs.Select(input => images.Style(input, contentTensor, stage)).ToArray();
                torch.Tensor? initial = previous is null ? null : Upsample(previous, stage);
                Action<int, LossBreakdown, torch.Tensor>? snapshot = reporting.Snapshot is not Action<StyleSnapshot> sink
                    ? null
                    : (evaluation, losses, rgb) =>
                    {
                        using TransferImage frame = images.Render(rgb, contentTensor, content);
                        sink(new StyleSnapshot(evaluation, losses, frame));
                    };
                var run = new ScaleRun(stage, history.Count, total);
                using StyleOptimizationResult result = optimizer.Optimize(contentTensor, styles, initial, run, reporting, snapshot, clock, cancellationToken);
                history.AddRange(result.LossHistory);
                if (stage.Index == stage.Count - 1)
                {
                    TransferImage output = images.Render(result.Image, contentTensor, content);
                    return new StyleTransferResult(output, history, clock.Elapsed);
                }

                previous?.Dispose();
                previous = result.Image.detach().clone().DetachFromDisposeScope();
            }

            throw new InvalidOperationException("A transfer has at least one scale.");
        }
        finally
        {
            previous?.Dispose();
        }
    }

    private static torch.Tensor Upsample(torch.Tensor previous, ScaleStage stage) =>
        torch.nn.functional.interpolate(previous, [stage.Height, stage.Width], mode: torch.InterpolationMode.Bilinear, align_corners: false);

    /// <summary>Refuses an image that the network cannot see at some working size: it is bad input, not a crash inside the backbone.</summary>
    private void EnsureLargeEnough(ImageSource source, TransferImage image, IEnumerable<(int Width, int Height)> sizes)
    {
        int minimum = _extractor.MinimumInputSide(Objective.Deepest);
        foreach ((int width, int height) in sizes)
        {
            if (Math.Min(width, height) < minimum)
            {
                throw new InvalidImageException(
                    $"The image {source.Description} ({image.Width}x{image.Height}) would be {width}x{height} px here, but {_extractor.Name} needs at least "
                    + $"{minimum} px on each side (to reach layer {Objective.Deepest}). Use a larger output size, or an image that is less elongated "
                    + $"(crop it, or pad it to a squarer shape).");
            }
        }
    }

    private void EnsureMemoryFor(int width, int height, IReadOnlyList<LoadedStyle> styles, IReadOnlyList<ScaleStage> stages)
    {
        long limit = Settings.Memory.LimitBytes ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (limit <= 0)
        {
            return;
        }

        (int Width, int Height) largestStyle = styles.SelectMany(s => stages.Select(stage => StageImages.StyleSize(Settings.Image, s.Image, stage)))
            .DefaultIfEmpty((Width: 0, Height: 0)).MaxBy(size => (long)size.Width * size.Height);
        MemoryEstimate estimate = MemoryEstimator.Estimate(_extractor, Objective, Settings, width, height, (double)largestStyle.Width * largestStyle.Height);
        if (estimate.TotalBytes > limit)
        {
            throw new InsufficientMemoryException(FormattableString.Invariant(
                $"A {width}x{height} transfer (its largest style image {largestStyle.Width}x{largestStyle.Height}) with {_extractor.Name} and {Settings.Optimization.Optimizer.Kind} needs about {estimate}, more than the {limit / 1e9:F2} GB available. ")
                + "Lower the output size or the style scale (ImageSettings.StyleScale), evaluate in tiles (TilingSettings.TileSize), use the ResNet18 backbone, a smaller L-BFGS history or Adam, or raise MemorySettings.LimitBytes.");
        }
    }

}
