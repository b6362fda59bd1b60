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
        using StyleImage content = LoadContent();
        cancellationToken.ThrowIfCancellationRequested();
        EnsureMemoryFor(content.Width, content.Height);
        var styles = new List<StyleImage>(_styles.Count);
        try
        {
            foreach (StyleInput style in _styles)
            {
                styles.Add(LoadStyle(style.Source, content));
                cancellationToken.ThrowIfCancellationRequested();
            }

            return Optimize(content, styles, clock, cancellationToken);
        }
        finally
        {
            foreach (StyleImage style in styles)
            {
                style.Dispose();
            }
        }
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

    private StyleTransferResult Optimize(StyleImage content, List<StyleImage> styles, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor contentTensor = ToTensor(content);
        var styleTensors = styles.Select((s, i) => (ToTensor(s), _styles[i].Weight)).ToList();
        Action<int, LossBreakdown, torch.Tensor>? snapshot = _snapshots is null
            ? null
            : (iteration, losses, rgb) =>
            {
                using StyleImage image = Render(Colors(rgb, contentTensor), content);
                _snapshots(new StyleSnapshot(iteration, losses, image));
            };
        var optimizer = new StyleOptimizer(_extractor, _definition, Settings, _logger);
        using StyleOptimizationResult result = optimizer.Optimize(contentTensor, styleTensors, _progress, snapshot, cancellationToken);
        StyleImage output = Render(Colors(result.Image, contentTensor), content);
        return new StyleTransferResult(output, result.LossHistory, clock.Elapsed);
    }

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
                + "Lower the output size, use the ResNet18 backbone, a smaller L-BFGS history or Adam, or raise StyleTransferSettings.MemoryLimitBytes.");
        }
    }

    private StyleImage LoadContent()
    {
        using StyleImage original = _content.Load(_loader);
        return original.Resize(Settings.Size);
    }

    private StyleImage LoadStyle(ImageSource source, StyleImage content)
    {
        using StyleImage original = source.Load(_loader);
        return Settings.StyleSizing == StyleImageSizing.MatchContentSize
            ? original.ResizeTo(content.Width, content.Height)
            : original.Resize(OutputSize.LongestSide(Math.Max(content.Width, content.Height)));
    }

    private torch.Tensor Colors(torch.Tensor rgb, torch.Tensor contentRgb) =>
        Settings.ColorPreservation == ColorPreservation.LuminanceOnly ? YCbCr.KeepChroma(rgb, contentRgb) : rgb;

    private torch.Tensor ToTensor(StyleImage image) => ImageTensor.FromImage(image.Color, _extractor.Device, _extractor.DataType);

    private static StyleImage Render(torch.Tensor rgb, StyleImage content) =>
        new(ImageTensor.ToImage(rgb), content.Alpha?.Clone());
}
