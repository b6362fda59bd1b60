using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using TorchSharp;

namespace NeuralStyle.Transfer;

/// <summary>
/// A configured, validated style transfer, made by <see cref="StyleTransferBuilder"/>. Run it
/// with <see cref="Run"/> or <see cref="RunAsync"/>; it can be run several times. It does not own
/// the feature extractor.
/// </summary>
public sealed class StyleTransfer
{
    private readonly IFeatureExtractor _extractor;
    private readonly ImageSource _content;
    private readonly IReadOnlyList<StyleInput> _styles;
    private readonly ObjectiveDefinition _definition;
    private readonly IProgress<StyleTransferProgress>? _progress;
    private readonly Action<StyleSnapshot>? _snapshots;
    private readonly ILogger _logger;
    private readonly ImageLoader _loader;

    internal StyleTransfer(
        IFeatureExtractor extractor,
        ImageSource content,
        IReadOnlyList<StyleInput> styles,
        StyleTransferSettings settings,
        ObjectiveDefinition definition,
        IProgress<StyleTransferProgress>? progress,
        Action<StyleSnapshot>? snapshots,
        ILogger? logger,
        ImageLoadOptions loadOptions)
    {
        _extractor = extractor;
        _content = content;
        _styles = styles;
        Settings = settings;
        _definition = definition;
        _progress = progress;
        _snapshots = snapshots;
        _logger = logger ?? NullLogger.Instance;
        _loader = new ImageLoader(loadOptions);
    }

    /// <summary>The settings in force.</summary>
    public StyleTransferSettings Settings { get; }

    /// <summary>The objective's terms with layers resolved.</summary>
    public ObjectiveDefinition Objective => _definition;

    /// <summary>Runs the transfer on the calling thread.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; checked before every evaluation.</exception>
    /// <exception cref="InvalidImageException">An input image could not be read.</exception>
    /// <exception cref="StyleTransferDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="InsufficientMemoryException">The estimated peak memory exceeds <see cref="StyleTransferSettings.MemoryLimitBytes"/> (or the available memory); raised before optimising.</exception>
    public StyleTransferResult Run(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        cancellationToken.ThrowIfCancellationRequested();
        using StyleImage content = _content.Load(_loader);
        (int width, int height) = Settings.Size.Apply(content.Width, content.Height);
        cancellationToken.ThrowIfCancellationRequested();
        EnsureMemoryFor(width, height);
        var inputs = new List<(StyleImage Style, StyleImage? Mask)>(_styles.Count);
        try
        {
            foreach (StyleInput style in _styles)
            {
                StyleImage image = style.Source.Load(_loader);
                inputs.Add((image, null));
                if (style.Mask is not null)
                {
                    inputs[^1] = (image, style.Mask.Load(_loader));
                }

                cancellationToken.ThrowIfCancellationRequested();
            }

            return Optimize(content, inputs, PlanScales(width, height), clock, cancellationToken);
        }
        finally
        {
            foreach ((StyleImage style, StyleImage? mask) in inputs)
            {
                style.Dispose();
                mask?.Dispose();
            }
        }
    }

    /// <summary>
    /// The scales a run with these settings optimises for a <paramref name="width"/> x
    /// <paramref name="height"/> output, coarsest first: one scale without
    /// <see cref="StyleTransferSettings.MultiScale"/>, else the size ladder.
    /// </summary>
    public IReadOnlyList<ScaleStage> PlanScales(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (Settings.MultiScale is not MultiScaleSettings multiScale)
        {
            return [new ScaleStage(0, 1, width, height, Settings.Iterations)];
        }

        int longest = Math.Max(width, height);
        IReadOnlyList<int> sides = multiScale.Sides(longest);
        return sides.Select((side, i) =>
        {
            bool last = i == sides.Count - 1;
            (int w, int h) = last ? (width, height) : OutputSize.LongestSide(side).Apply(width, height);
            return new ScaleStage(i, sides.Count, w, h, last ? Settings.Iterations : multiScale.CoarseIterations ?? Settings.Iterations);
        }).ToArray();
    }

    /// <summary>
    /// Runs the transfer on a dedicated background thread (TorchSharp's dispose scopes are per
    /// thread, so the whole run stays on one).
    /// </summary>
    public Task<StyleTransferResult> RunAsync(CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(
            () => Run(cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private StyleTransferResult Optimize(
        StyleImage original, List<(StyleImage Style, StyleImage? Mask)> inputs, IReadOnlyList<ScaleStage> stages, Stopwatch clock, CancellationToken cancellationToken)
    {
        var optimizer = new StyleOptimizer(_extractor, _definition, Settings, _logger);
        var history = new List<LossBreakdown>();
        int total = stages.Sum(s => s.Iterations);
        torch.Tensor? previous = null;
        try
        {
            foreach (ScaleStage stage in stages)
            {
                using var scope = torch.NewDisposeScope();
                using StyleImage content = original.ResizeTo(stage.Width, stage.Height);
                torch.Tensor contentTensor = ToTensor(content);
                StyleTensor[] styles = inputs.Select((input, i) => StyleTensorAt(input.Style, input.Mask, _styles[i].Weight, contentTensor, stage)).ToArray();
                torch.Tensor? initial = previous is null ? null : Upsample(previous, stage);
                Action<int, LossBreakdown, torch.Tensor>? snapshot = _snapshots is null
                    ? null
                    : (iteration, losses, rgb) =>
                    {
                        using StyleImage image = Render(Colors(rgb, contentTensor), content);
                        _snapshots(new StyleSnapshot(iteration, losses, image));
                    };
                var run = new ScaleRun(stage, history.Count, total);
                using StyleOptimizationResult result = optimizer.Optimize(contentTensor, styles, initial, run, clock, _progress, snapshot, cancellationToken);
                history.AddRange(result.LossHistory);
                if (stage.Index == stage.Count - 1)
                {
                    StyleImage output = Render(Colors(result.Image, contentTensor), content);
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

    private StyleTensor StyleTensorAt(StyleImage style, StyleImage? mask, double weight, torch.Tensor content, ScaleStage stage)
    {
        using StyleImage sized = SizeStyle(style, stage);
        torch.Tensor image = ToTensor(sized);
        if (Settings.ColorPreservation == ColorPreservation.ColorMatching)
        {
            image = ColorMatching.MatchStatistics(image, content);
        }

        torch.Tensor? maskTensor = null;
        if (mask is not null)
        {
            using StyleImage sizedMask = mask.ResizeTo(stage.Width, stage.Height);
            maskTensor = YCbCr.FromRgb(ToTensor(sizedMask)).narrow(1, 0, 1).clamp(0, 1);
        }

        return new StyleTensor(image, weight, maskTensor);
    }

    private StyleImage SizeStyle(StyleImage style, ScaleStage stage)
    {
        double scale = Settings.StyleScale;
        return Settings.StyleSizing == StyleImageSizing.MatchContentSize
            ? style.ResizeTo(Scaled(stage.Width, scale), Scaled(stage.Height, scale))
            : style.Resize(OutputSize.LongestSide(Scaled(Math.Max(stage.Width, stage.Height), scale)));
    }

    private static int Scaled(int pixels, double scale) => Math.Max(1, (int)Math.Round(pixels * scale));

    private static torch.Tensor Upsample(torch.Tensor previous, ScaleStage stage) =>
        torch.nn.functional.interpolate(previous, [stage.Height, stage.Width], mode: torch.InterpolationMode.Bilinear, align_corners: false);

    /// <summary>Estimates this transfer's peak memory for a <paramref name="width"/> x <paramref name="height"/> output (see <see cref="MemoryEstimator"/>).</summary>
    public MemoryEstimate EstimateMemory(int width, int height) =>
        MemoryEstimator.Estimate(_extractor, _definition, Settings.Optimizer, Settings.Iterations, width, height);

    private void EnsureMemoryFor(int width, int height)
    {
        long limit = Settings.MemoryLimitBytes ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (limit <= 0)
        {
            return;
        }

        MemoryEstimate estimate = EstimateMemory(width, height);
        if (estimate.TotalBytes > limit)
        {
            throw new InsufficientMemoryException(FormattableString.Invariant(
                $"A {width}x{height} transfer with {_extractor.Name} and {Settings.Optimizer.Kind} needs about {estimate}, more than the {limit / 1e9:F2} GB available. ")
                + "Lower the output size, evaluate in tiles (WithTiling, --tile-size), use the ResNet18 backbone, a smaller L-BFGS history or Adam, or raise StyleTransferSettings.MemoryLimitBytes.");
        }
    }

    private torch.Tensor Colors(torch.Tensor rgb, torch.Tensor contentRgb) =>
        Settings.ColorPreservation == ColorPreservation.LuminanceOnly ? YCbCr.KeepChroma(rgb, contentRgb) : rgb;

    private torch.Tensor ToTensor(StyleImage image) => ImageTensor.FromImage(image.Color, _extractor.Device, _extractor.DataType);

    private static StyleImage Render(torch.Tensor rgb, StyleImage content) =>
        new(ImageTensor.ToImage(rgb), content.Alpha?.Clone());
}
