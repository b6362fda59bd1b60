using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NeuralStyle.Diagnostics;
using NeuralStyle.Features;
using NeuralStyle.Optimization;
using TorchSharp;

namespace NeuralStyle.Transfer;

/// <summary>
/// Optimises an image tensor's pixels for a style-transfer objective: computes the targets once,
/// initialises the image, runs the configured optimiser for the evaluation budget, and reports
/// progress and snapshots on the way. Works on tensors; <see cref="StyleTransfer"/> adds image
/// loading, sizing and alpha handling around it.
/// </summary>
public sealed class StyleOptimizer
{
    private readonly IFeatureExtractor _extractor;
    private readonly ObjectiveDefinition _definition;
    private readonly StyleTransferSettings _settings;
    private readonly ILogger _logger;

    /// <summary>Creates an optimiser.</summary>
    /// <param name="extractor">The feature extractor (not owned).</param>
    /// <param name="definition">The objective's terms, layers resolved.</param>
    /// <param name="settings">Optimiser, budget, init, space, progress and snapshot intervals.</param>
    /// <param name="logger">Diagnostics (optional).</param>
    public StyleOptimizer(IFeatureExtractor extractor, ObjectiveDefinition definition, StyleTransferSettings settings, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(settings);
        IReadOnlyList<string> problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new StyleTransferConfigurationException(problems);
        }

        _extractor = extractor;
        _definition = definition;
        _settings = settings;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Runs the optimisation on the calling thread.
    /// </summary>
    /// <param name="content">The content image, RGB in [0, 1], <c>[1, 3, H, W]</c>, on the extractor's device and dtype.</param>
    /// <param name="styles">Style images (RGB in [0, 1], any size), blend weights and optional masks.</param>
    /// <param name="progress">Receives progress every <see cref="StyleTransferSettings.ProgressEvery"/> evaluations.</param>
    /// <param name="snapshot">Called with the RGB image every <see cref="StyleTransferSettings.SnapshotEvery"/> evaluations; the tensor is only valid during the call.</param>
    /// <param name="cancellationToken">Checked before every evaluation.</param>
    /// <returns>The optimised RGB image in [0, 1] (owned by the caller) and the loss history.</returns>
    public StyleOptimizationResult Optimize(
        torch.Tensor content,
        IReadOnlyList<StyleTensor> styles,
        IProgress<StyleTransferProgress>? progress = null,
        Action<int, LossBreakdown, torch.Tensor>? snapshot = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(styles);
        ScaleRun run = ScaleRun.Single((int)content.shape[^1], (int)content.shape[^2], _settings.Iterations);
        return Optimize(content, styles, null, run, Stopwatch.StartNew(), progress, snapshot, cancellationToken);
    }

    /// <summary>Runs one scale: <paramref name="initialRgb"/> (the previous scale's result at this size) replaces the init mode when given.</summary>
    internal StyleOptimizationResult Optimize(
        torch.Tensor content,
        IReadOnlyList<StyleTensor> styles,
        torch.Tensor? initialRgb,
        ScaleRun run,
        Stopwatch clock,
        IProgress<StyleTransferProgress>? progress,
        Action<int, LossBreakdown, torch.Tensor>? snapshot,
        CancellationToken cancellationToken)
    {
        var scaleClock = Stopwatch.StartNew();
        Log.Starting(_logger, (int)content.shape[^1], (int)content.shape[^2], styles.Count, _extractor.Name, _settings.Optimizer.Kind.ToString(), run.Stage.Iterations);
        using var scope = torch.NewDisposeScope();
        torch.Tensor contentInSpace = ToSpace(content);
        StyleTensor[] stylesInSpace = styles.Select(s => s with { Image = ToSpace(s.Image) }).ToArray();
        using var objective = new StyleObjective(_extractor, _definition, _settings.Space, contentInSpace, stylesInSpace);
        Log.TargetsComputed(_logger, scaleClock.ElapsedMilliseconds);

        torch.Tensor variable = initialRgb is null ? Initialize(contentInSpace, stylesInSpace[0].Image) : ToSpace(initialRgb).detach().clone();
        Action<int, LossBreakdown, torch.Tensor>? render = snapshot is null
            ? null
            : (iteration, losses, v) =>
            {
                using var snapshotScope = torch.NewDisposeScope();
                snapshot(iteration, losses, ToRgb(v));
            };
        var tracker = new EvaluationTracker(objective, _settings, run, progress, render, _logger, clock, cancellationToken);
        PixelOptimizerFactory.Create(_settings.Optimizer).Minimize(variable, tracker);

        torch.Tensor image = ToRgb(variable).detach().clone().MoveToOuterDisposeScope();
        scaleClock.Stop();
        Log.Finished(_logger, tracker.History.Count, scaleClock.Elapsed.TotalSeconds, tracker.History.Count > 0 ? tracker.History[^1].Total : double.NaN);
        return new StyleOptimizationResult(image, tracker.History, scaleClock.Elapsed);
    }

    private torch.Tensor ToSpace(torch.Tensor rgb) =>
        _settings.Space == OptimizationSpace.Rgb ? rgb : _extractor.Normalization.Normalize(rgb);

    private torch.Tensor ToRgb(torch.Tensor variable) =>
        _settings.Space == OptimizationSpace.Rgb ? variable : _extractor.Normalization.Denormalize(variable);

    private torch.Tensor Initialize(torch.Tensor content, torch.Tensor firstStyle)
    {
        switch (_settings.Init)
        {
            case InitMode.Content:
                return content.clone();
            case InitMode.Style:
                return torch.nn.functional.interpolate(
                    firstStyle, [content.shape[2], content.shape[3]], mode: torch.InterpolationMode.Bilinear, align_corners: false);
            case InitMode.Noise:
                using (var generator = new torch.Generator((ulong)_settings.Seed, torch.CPU))
                {
                    torch.Tensor noise = torch.rand(content.shape, generator: generator).to(content.dtype, content.device);
                    return ToSpace(noise);
                }

            case InitMode.Gray:
                return ToSpace(torch.full(content.shape, 0.5, content.dtype, content.device));
            default:
                throw new InvalidOperationException($"Unhandled init mode {_settings.Init}.");
        }
    }
}
