using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NeuralStyle.Diagnostics;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Optimization;
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
    public StyleTransferResult Run(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        cancellationToken.ThrowIfCancellationRequested();
        using StyleImage content = LoadContent();
        cancellationToken.ThrowIfCancellationRequested();
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
        Log.Starting(_logger, content.Width, content.Height, styles.Count, _extractor.Name, Settings.Optimizer.Kind.ToString(), Settings.Iterations);
        using var scope = torch.NewDisposeScope();
        torch.Tensor contentTensor = ToSpace(content);
        var styleTensors = styles.Select((s, i) => (ToSpace(s), _styles[i].Weight)).ToList();
        long targetsStart = clock.ElapsedMilliseconds;
        using var objective = new StyleObjective(_extractor, _definition, Settings.Space, contentTensor, styleTensors);
        Log.TargetsComputed(_logger, clock.ElapsedMilliseconds - targetsStart);

        torch.Tensor variable = Initialize(contentTensor, styleTensors[0].Item1);
        var tracker = new EvaluationTracker(
            objective, Settings.Iterations, Settings, _progress, _snapshots, v => Render(v, content), _logger, clock, cancellationToken);
        PixelOptimizerFactory.Create(Settings.Optimizer).Minimize(variable, tracker);

        StyleImage output = Render(variable, content);
        clock.Stop();
        Log.Finished(_logger, tracker.History.Count, clock.Elapsed.TotalSeconds, tracker.History.Count > 0 ? tracker.History[^1].Total : double.NaN);
        return new StyleTransferResult(output, tracker.History, clock.Elapsed);
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

    private torch.Tensor ToSpace(StyleImage image)
    {
        torch.Tensor rgb = ImageTensor.FromImage(image.Color, _extractor.Device, _extractor.DataType);
        return Settings.Space == OptimizationSpace.Rgb ? rgb : _extractor.Normalization.Normalize(rgb);
    }

    private torch.Tensor Initialize(torch.Tensor content, torch.Tensor firstStyle)
    {
        switch (Settings.Init)
        {
            case InitMode.Content:
                return content.clone();
            case InitMode.Style:
                return torch.nn.functional.interpolate(
                    firstStyle, [content.shape[2], content.shape[3]], mode: torch.InterpolationMode.Bilinear, align_corners: false);
            case InitMode.Noise:
                var generator = new torch.Generator((ulong)Settings.Seed, torch.CPU);
                using (generator)
                {
                    torch.Tensor noise = torch.rand(content.shape, generator: generator).to(content.dtype, content.device);
                    return Settings.Space == OptimizationSpace.Rgb ? noise : _extractor.Normalization.Normalize(noise);
                }

            default:
                throw new InvalidOperationException($"Unhandled init mode {Settings.Init}.");
        }
    }

    private StyleImage Render(torch.Tensor variable, StyleImage content)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor rgb = Settings.Space == OptimizationSpace.Rgb ? variable : _extractor.Normalization.Denormalize(variable);
        var color = ImageTensor.ToImage(rgb);
        return new StyleImage(color, content.Alpha?.Clone());
    }
}
