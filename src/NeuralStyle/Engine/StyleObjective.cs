using NeuralStyle.Configuration;
using NeuralStyle.Engine;
using NeuralStyle.Features;
using NeuralStyle.Losses;
using NeuralStyle.Transfer;
using TorchSharp;

namespace NeuralStyle.Engine;

/// <summary>
/// The style-transfer objective: weighted content, style and total variation losses of an image
/// tensor. Content activations and style targets are computed once, here, and reused by every
/// evaluation (the Keras example recomputes all three images on every step).
/// </summary>
internal sealed class StyleObjective : IDisposable
{
    private const double GradientNormFloor = 1e-8;
    private readonly ImageParameterization _image;
    private readonly ObjectiveSettings _settings;
    private readonly Objective _terms;
    private readonly TiledExtraction? _tiling;
    private readonly StyleTargetCache? _targetCache;

    /// <summary>Computes the targets.</summary>
    /// <param name="image">How evaluated tensors represent the image, and their features.</param>
    /// <param name="objective">The loss terms, layers resolved.</param>
    /// <param name="tiling">Evaluate images larger than a tile in tiles; null evaluates whole images.</param>
    /// <param name="content">The content image in <paramref name="image"/>'s space, <c>[1, 3, H, W]</c>; evaluated images have its size.</param>
    /// <param name="styles">
    /// Style images in the same space: those without a mask share one target (the weighted mean of
    /// their statistics); each masked one is matched over its region only.
    /// </param>
    /// <param name="targetCache">Style targets shared by the calls of one stylizer (TransferStylizer); null computes them here.</param>
    public StyleObjective(
        ImageParameterization image,
        ResolvedObjective objective,
        TilingSettings? tiling,
        torch.Tensor content,
        IReadOnlyList<StyleTensor> styles,
        StyleTargetCache? targetCache = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(styles);
        if (styles.Count == 0)
        {
            throw new ArgumentException("At least one style image is needed.", nameof(styles));
        }

        _image = image;
        _targetCache = targetCache;
        _settings = objective.Settings;
        FeatureLayer[] layers = [.. objective.Layers];
        _tiling = tiling is null ? null : new TiledExtraction(image.Features, tiling, layers, content.dtype, content.device);

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        bool masked = styles.Any(s => s.Mask is not null);
        FeatureLayer[] contentLayers = objective.ContentLayers.Select(l => l.Layer).Distinct().ToArray();
        IReadOnlyDictionary<FeatureLayer, torch.Tensor> contentFeatures = Features(content, masked ? layers : contentLayers);
        var terms = new List<ObjectiveTerm>();
        try
        {
            terms.Add(new ContentTerm(
                objective.ContentLayers,
                objective.ContentWeight,
                _settings.ContentFormula,
                contentLayers.ToDictionary(layer => layer, layer => contentFeatures[layer].detach().DetachFromDisposeScope())));
            IStyleLoss styleLoss = StyleLosses.Create(_settings.StyleLoss, _settings.StyleFormula);
            FeatureLayer[] styleLayers = objective.StyleLayers.Select(l => l.Layer).Distinct().ToArray();
            StyleTensor[] shared = styles.Where(s => s.Mask is null).ToArray();
            if (shared.Length > 0)
            {
                terms.Add(new StyleTerm(styleLoss, objective.StyleLayers, objective.StyleWeight, Targets(styleLoss, shared, styleLayers)));
            }

            foreach (StyleTensor style in styles.Where(s => s.Mask is not null))
            {
                // The targets first: computing them can fail (out of memory on a large style), and the masks would be nobody's.
                Dictionary<FeatureLayer, torch.Tensor> targets = Targets(styleLoss, [style], styleLayers);
                var masks = styleLayers.ToDictionary(
                    layer => layer,
                    layer => LayerMask(style.Mask!, contentFeatures[layer]).DetachFromDisposeScope());
                terms.Add(new StyleTerm(styleLoss, objective.StyleLayers, objective.StyleWeight, targets, masks, style.Weight));
            }

            terms.Add(new TotalVariationTerm(objective.TotalVariationWeight, _settings.TotalVariationFormula));
        }
        catch
        {
            // The tensors the terms made so far hold outlive this scope: freed now, not when a collection finds them.
            foreach (ObjectiveTerm term in terms)
            {
                term.Dispose();
            }

            throw;
        }

        _terms = new Objective(terms);
    }

    /// <summary>
    /// Evaluates the objective at <paramref name="image"/> and its gradient with respect to it.
    /// </summary>
    /// <param name="image">The optimised tensor (in this objective's space).</param>
    /// <param name="gradient">d(total)/d(image) (per-layer normalised when the definition asks), a new tensor owned by the caller.</param>
    /// <param name="cancellationToken">Checked between tiles when the image is evaluated in tiles (one evaluation of a large image can take minutes).</param>
    /// <exception cref="OperationCanceledException">Cancelled between two tiles.</exception>
    public LossBreakdown Evaluate(torch.Tensor image, out torch.Tensor gradient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var scope = torch.NewDisposeScope();
        if (Tiled(image))
        {
            return EvaluateTiled(_tiling!, image, out gradient, cancellationToken);
        }

        using torch.Tensor variable = image.detach().requires_grad_(true);
        Evaluation evaluation = Terms(variable, _image.Features(variable, _terms.Layers));
        gradient = torch.autograd.grad([Differentiated(evaluation)], [variable])[0].detach().MoveToOuterDisposeScope();
        return Read(evaluation.Terms);
    }

    /// <summary>
    /// The tiled evaluation: losses on the assembled feature maps (leaves of their own graph), their
    /// gradients carried back to the image tile by tile, plus the total variation gradient.
    /// </summary>
    private LossBreakdown EvaluateTiled(TiledExtraction tiling, torch.Tensor image, out torch.Tensor gradient, CancellationToken cancellationToken)
    {
        IReadOnlyList<FeatureLayer> active = _terms.ActiveLayers;
        Dictionary<FeatureLayer, torch.Tensor> maps = tiling.Assemble(image.detach(), _terms.Layers, cancellationToken);
        foreach (FeatureLayer layer in active)
        {
            maps[layer].requires_grad_(true);
        }

        bool smoothed = _terms.Terms.Any(t => t.Kind == ObjectiveTermKind.TotalVariation && t.Weight > 0);
        using torch.Tensor variable = image.detach().requires_grad_(smoothed);
        Evaluation evaluation = Terms(variable, maps);
        torch.Tensor[] inputs = active.Select(layer => maps[layer]).Concat(smoothed ? [variable] : []).ToArray();
        IList<torch.Tensor> gradients = inputs.Length == 0 ? [] : torch.autograd.grad([Differentiated(evaluation)], inputs);
        torch.Tensor total = tiling.Backpropagate(
            image.detach(), active.Select((layer, i) => (layer, gradients[i])).ToDictionary(p => p.layer, p => p.Item2.detach()), cancellationToken);
        if (smoothed)
        {
            total.add_(gradients[^1]);
        }

        gradient = total.detach().MoveToOuterDisposeScope();
        return Read(evaluation.Terms);
    }

    private torch.Tensor Differentiated(Evaluation evaluation) =>
        _settings.NormalizeGradients ? NormalizedSurrogate(evaluation.Sums) : evaluation.Total;

    /// <summary>Evaluates the objective without a gradient.</summary>
    public LossBreakdown Evaluate(torch.Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return Read(Terms(image, Features(image, _terms.Layers)).Terms);
    }

    private Dictionary<FeatureLayer, torch.Tensor> Targets(IStyleLoss loss, IReadOnlyList<StyleTensor> styles, FeatureLayer[] layers) =>
        _targetCache is null
            ? StyleTerm.Targets(loss, styles, layers, Features)
            : _targetCache.GetOrCompute(
                StyleTargetCache.KeyOf($"{_settings.StyleLoss}/{_settings.StyleFormula}", layers, styles), () => StyleTerm.Targets(loss, styles, layers, Features));

    private static torch.Tensor LayerMask(torch.Tensor mask, torch.Tensor layerFeatures) =>
        torch.nn.functional.adaptive_avg_pool2d(mask.to(layerFeatures.dtype, layerFeatures.device), [layerFeatures.shape[^2], layerFeatures.shape[^1]])
            .reshape(-1);

    private Evaluation Terms(torch.Tensor image, IReadOnlyDictionary<FeatureLayer, torch.Tensor> features)
    {
        ObjectiveEvaluation sums = _terms.Evaluate(image, features);
        torch.Tensor total = sums.Content + sums.Style + sums.TotalVariation;
        return new Evaluation(total, torch.stack([total, sums.Content, sums.Style, sums.TotalVariation]), sums);
    }

    /// <summary>
    /// A scalar whose gradient is neural-style's normalised one: each layer loss's gradient with
    /// respect to its features, divided by its L1 norm and multiplied by the loss's weight, plus
    /// the total variation gradient as is.
    /// </summary>
    private static torch.Tensor NormalizedSurrogate(ObjectiveEvaluation sums)
    {
        torch.Tensor surrogate = sums.TotalVariation;
        foreach (WeightedLoss loss in sums.Losses.Where(l => l.Features is not null && l.Weight > 0))
        {
            torch.Tensor g = torch.autograd.grad([loss.Loss], [loss.Features!], retain_graph: true)[0];
            torch.Tensor normalized = (g / g.abs().sum().Plus(GradientNormFloor)).Times(loss.Weight).detach();
            surrogate = surrogate + (loss.Features! * normalized).sum();
        }

        return surrogate;
    }

    /// <summary>The features of an image, assembled from tiles when tiling is on and the image needs more than one.</summary>
    private IReadOnlyDictionary<FeatureLayer, torch.Tensor> Features(torch.Tensor image, IReadOnlyCollection<FeatureLayer> layers) =>
        Tiled(image) ? _tiling!.Assemble(image, layers) : _image.Features(image, layers);

    /// <summary>Whether tiling is on and <paramref name="image"/> needs more than one tile.</summary>
    private bool Tiled(torch.Tensor image) => _tiling is not null && _tiling.Splits(image.shape[^2], image.shape[^1]);

    private static LossBreakdown Read(torch.Tensor terms)
    {
        using torch.Tensor values = terms.detach().to(torch.ScalarType.Float64).cpu();
        double[] v = values.data<double>().ToArray();
        return new LossBreakdown(v[0], v[1], v[2], v[3]);
    }

    /// <inheritdoc />
    public void Dispose() => _terms.Dispose();

    private sealed record Evaluation(torch.Tensor Total, torch.Tensor Terms, ObjectiveEvaluation Sums);
}
