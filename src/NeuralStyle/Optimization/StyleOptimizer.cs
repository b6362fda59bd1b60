using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NeuralStyle.Configuration;
using NeuralStyle.Diagnostics;
using NeuralStyle.Engine;
using NeuralStyle.Optimization;
using NeuralStyle.Transfer;
using TorchSharp;

namespace NeuralStyle.Optimization;

/// <summary>
/// Optimises one scale of a transfer on tensors: computes the targets once, initialises the image,
/// runs the configured optimiser for the scale's budget, and reports progress and snapshots on
/// the way. <see cref="StyleTransfer"/> adds image loading, sizing, scales and alpha handling
/// around it. Its settings were validated by <c>Build()</c>.
/// </summary>
internal sealed class StyleOptimizer
{
    private readonly ImageParameterization _image;
    private readonly ResolvedObjective _objective;
    private readonly OptimizationSettings _optimization;
    private readonly TilingSettings? _tiling;
    private readonly ILogger _logger;
    private readonly StyleTargetCache? _targetCache;

    /// <summary>Creates an optimiser.</summary>
    /// <param name="image">How the optimised tensor represents the image.</param>
    /// <param name="objective">The objective's terms, layers resolved.</param>
    /// <param name="optimization">The validated optimiser, init and seed.</param>
    /// <param name="tiling">Evaluate in tiles; null evaluates whole images.</param>
    /// <param name="logger">Diagnostics.</param>
    /// <param name="targetCache">Style targets shared by the calls of one stylizer; null computes them per run.</param>
    public StyleOptimizer(ImageParameterization image, ResolvedObjective objective, OptimizationSettings optimization, TilingSettings? tiling, ILogger logger, StyleTargetCache? targetCache = null)
    {
        _targetCache = targetCache;
        _image = image;
        _objective = objective;
        _optimization = optimization;
        _tiling = tiling;
        _logger = logger;
    }

    /// <summary>Runs one scale on the calling thread.</summary>
    /// <param name="content">The content image, RGB in [0, 1], <c>[1, 3, H, W]</c>, on the extractor's device and dtype.</param>
    /// <param name="styles">Style images (RGB in [0, 1], any size), blend weights and optional masks.</param>
    /// <param name="initialRgb">The previous scale's result at this size; replaces the init mode when given.</param>
    /// <param name="run">Where this scale sits in the run (its budget and the evaluations before it).</param>
    /// <param name="reporting">The run's progress and snapshot sinks.</param>
    /// <param name="snapshot">Called with the RGB image when <paramref name="reporting"/> takes a snapshot; the tensor is only valid during the call.</param>
    /// <param name="clock">Time since the run started.</param>
    /// <param name="cancellationToken">Checked before every evaluation.</param>
    /// <returns>The optimised RGB image in [0, 1] (owned by the caller) and the loss history.</returns>
    public StyleOptimizationResult Optimize(
        torch.Tensor content,
        IReadOnlyList<StyleTensor> styles,
        torch.Tensor? initialRgb,
        ScaleRun run,
        RunReporting reporting,
        Action<int, LossBreakdown, torch.Tensor>? snapshot,
        Stopwatch clock,
        CancellationToken cancellationToken)
    {
        var scaleClock = Stopwatch.StartNew();
        OptimizerSettings optimizer = _optimization.Optimizer;
        Log.Starting(_logger, (int)content.shape[^1], (int)content.shape[^2], styles.Count, _image.Extractor.Name, optimizer.Kind.ToString(), run.Stage.Evaluations);
        using var scope = torch.NewDisposeScope();
        torch.Tensor contentInSpace = _image.FromRgb(content);
        StyleTensor[] stylesInSpace = styles.Select(s => s with { Image = _image.FromRgb(s.Image) }).ToArray();
        using var objective = new StyleObjective(_image, _objective, _tiling, contentInSpace, stylesInSpace, _targetCache);
        Log.TargetsComputed(_logger, scaleClock.ElapsedMilliseconds);

        torch.Tensor variable = initialRgb is null ? Initialize(content, styles) : _image.FromRgb(initialRgb).detach().clone();
        Action<int, LossBreakdown, torch.Tensor>? render = snapshot is null
            ? null
            : (evaluation, losses, v) =>
            {
                using var snapshotScope = torch.NewDisposeScope();
                snapshot(evaluation, losses, _image.ToRgb(v));
            };
        var tracker = new EvaluationTracker(objective, run, reporting, render, _logger, clock, cancellationToken);
        PixelOptimizerFactory.Create(optimizer).Minimize(variable, tracker);
        tracker.Finish();

        torch.Tensor image = _image.ToRgb(variable).detach().clone().MoveToOuterDisposeScope();
        scaleClock.Stop();
        Log.Finished(_logger, tracker.History.Count, scaleClock.Elapsed.TotalSeconds, tracker.History.Count > 0 ? tracker.History[^1].Total : double.NaN);
        return new StyleOptimizationResult(image, tracker.History, scaleClock.Elapsed);
    }

    /// <summary>The starting image in the optimised space, from the RGB content and styles.</summary>
    private torch.Tensor Initialize(torch.Tensor content, IReadOnlyList<StyleTensor> styles)
    {
        torch.Tensor firstStyle = styles[0].Image;
        switch (_optimization.Init)
        {
            case InitMode.Content:
                return _image.FromRgb(content).clone();
            case InitMode.Style:
                return _image.FromRgb(torch.nn.functional.interpolate(
                    firstStyle, [content.shape[2], content.shape[3]], mode: torch.InterpolationMode.Bilinear, align_corners: false));
            case InitMode.Noise:
                using (var generator = new torch.Generator((ulong)_optimization.Seed, torch.CPU))
                {
                    torch.Tensor noise = torch.rand(content.shape, generator: generator).to(content.dtype, content.device);
                    return _image.FromRgb(noise);
                }

            case InitMode.Gray:
                return _image.FromRgb(ScalarArithmetic.Full(content.shape, 0.5, content.dtype, content.device));
            case InitMode.ContentInStylePalette:
                return _image.FromRgb(PaletteStart.Of(content, styles, StrengthCurve.PaletteBlend(_objective.Settings.StyleStrength)));
            default:
                throw new InvalidOperationException($"Unhandled init mode {_optimization.Init}.");
        }
    }
}
