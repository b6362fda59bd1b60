using NeuralStyle.Configuration;
using NeuralStyle.Features;
using NeuralStyle.Losses;
using TorchSharp;

namespace NeuralStyle.Transfer;

/// <summary>
/// The style-transfer objective: weighted content, style and total variation losses of an image
/// tensor. Content activations and style targets are computed once, here, and reused by every
/// evaluation (the Keras example recomputes all three images on every step).
/// </summary>
internal sealed class StyleObjective : IDisposable
{
    private const double GradientNormFloor = 1e-8;
    private readonly ImageParameterization _image;
    private readonly ResolvedObjective _objective;
    private readonly ObjectiveSettings _settings;
    private readonly FeatureLayer[] _layers;
    private readonly Dictionary<FeatureLayer, torch.Tensor> _contentTargets = [];
    private readonly List<StyleRegion> _regions = [];
    private readonly ContentLoss _contentLoss;
    private readonly IStyleLoss _styleLoss;
    private readonly TotalVariationLoss _totalVariation;
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
        _objective = objective;
        _settings = objective.Settings;
        _contentLoss = new ContentLoss(_settings.ContentFormula);
        _styleLoss = StyleLosses.Create(_settings.StyleLoss, _settings.StyleFormula);
        _totalVariation = new TotalVariationLoss(_settings.TotalVariationFormula);
        _layers = [.. objective.Layers];
        _tiling = tiling is null ? null : new TiledExtraction(image.Features, tiling, _layers, content.dtype, content.device);

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        bool masked = styles.Any(s => s.Mask is not null);
        FeatureLayer[] contentLayers = objective.ContentLayers.Select(l => l.Layer).Distinct().ToArray();
        IReadOnlyDictionary<FeatureLayer, torch.Tensor> contentFeatures = Features(content, masked ? _layers : contentLayers);
        foreach (FeatureLayer layer in contentLayers)
        {
            _contentTargets[layer] = contentFeatures[layer].detach().DetachFromDisposeScope();
        }

        FeatureLayer[] styleLayers = objective.StyleLayers.Select(l => l.Layer).Distinct().ToArray();
        StyleTensor[] shared = styles.Where(s => s.Mask is null).ToArray();
        if (shared.Length > 0)
        {
            _regions.Add(new StyleRegion(Targets(shared, styleLayers), null, 1));
        }

        foreach (StyleTensor style in styles.Where(s => s.Mask is not null))
        {
            var masks = styleLayers.ToDictionary(
                layer => layer,
                layer => LayerMask(style.Mask!, contentFeatures[layer]).DetachFromDisposeScope());
            _regions.Add(new StyleRegion(Targets([style], styleLayers), masks, style.Weight));
        }
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
        Evaluation evaluation = Terms(variable, _image.Features(variable, _layers));
        gradient = torch.autograd.grad([Differentiated(evaluation)], [variable])[0].detach().MoveToOuterDisposeScope();
        return Read(evaluation.Terms);
    }

    /// <summary>
    /// The tiled evaluation: losses on the assembled feature maps (leaves of their own graph), their
    /// gradients carried back to the image tile by tile, plus the total variation gradient.
    /// </summary>
    private LossBreakdown EvaluateTiled(TiledExtraction tiling, torch.Tensor image, out torch.Tensor gradient, CancellationToken cancellationToken)
    {
        IReadOnlyList<FeatureLayer> active = _objective.ActiveLayers;
        Dictionary<FeatureLayer, torch.Tensor> maps = tiling.Assemble(image.detach(), _layers, cancellationToken);
        foreach (FeatureLayer layer in active)
        {
            maps[layer].requires_grad_(true);
        }

        bool smoothed = _objective.TotalVariationWeight > 0;
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
        _settings.NormalizeGradients ? NormalizedSurrogate(evaluation) : evaluation.Total;

    /// <summary>Evaluates the objective without a gradient.</summary>
    public LossBreakdown Evaluate(torch.Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return Read(Terms(image, Features(image, _layers)).Terms);
    }

    private Dictionary<FeatureLayer, torch.Tensor> Targets(IReadOnlyList<StyleTensor> styles, FeatureLayer[] layers) =>
        _targetCache is null
            ? StyleTargets.Blend(_styleLoss, styles, layers, Features)
            : _targetCache.GetOrCompute(
                StyleTargetCache.KeyOf($"{_settings.StyleLoss}/{_settings.StyleFormula}", layers, styles), () => StyleTargets.Blend(_styleLoss, styles, layers, Features));

    private static torch.Tensor LayerMask(torch.Tensor mask, torch.Tensor layerFeatures) =>
        torch.nn.functional.adaptive_avg_pool2d(mask.to(layerFeatures.dtype, layerFeatures.device), [layerFeatures.shape[^2], layerFeatures.shape[^1]])
            .reshape(-1);

    private Evaluation Terms(torch.Tensor image, IReadOnlyDictionary<FeatureLayer, torch.Tensor> features)
    {
        long height = image.shape[^2], width = image.shape[^1];
        torch.Tensor zero = torch.zeros([], image.dtype, image.device);
        var layerTerms = new List<LayerTerm>();
        if (_objective.ContentWeight > 0)
        {
            foreach (WeightedLayer layer in _objective.ContentLayers)
            {
                torch.Tensor f = features[layer.Layer];
                layerTerms.Add(new LayerTerm(_contentLoss.Compute(f, _contentTargets[layer.Layer]), f, layer.Weight * _objective.ContentWeight, false));
            }
        }

        if (_objective.StyleWeight > 0)
        {
            foreach (StyleRegion region in _regions)
            {
                foreach (WeightedLayer layer in _objective.StyleLayers)
                {
                    torch.Tensor f = features[layer.Layer];
                    torch.Tensor loss = _styleLoss.Compute(f, region.Targets[layer.Layer], height, width, region.LayerMasks?[layer.Layer]);
                    layerTerms.Add(new LayerTerm(loss, f, layer.Weight * region.Weight * _objective.StyleWeight, true));
                }
            }
        }

        torch.Tensor content = Sum(layerTerms.Where(t => !t.IsStyle), zero);
        torch.Tensor style = Sum(layerTerms.Where(t => t.IsStyle), zero);
        torch.Tensor variation = _objective.TotalVariationWeight > 0
            ? _totalVariation.Compute(image) * _objective.TotalVariationWeight
            : zero;
        torch.Tensor total = content + style + variation;
        return new Evaluation(total, torch.stack([total, content, style, variation]), layerTerms, variation);
    }

    private static torch.Tensor Sum(IEnumerable<LayerTerm> terms, torch.Tensor zero) =>
        terms.Aggregate(zero, (sum, term) => sum + (term.Loss * term.Weight));

    /// <summary>
    /// A scalar whose gradient is neural-style's normalised one: each layer term's gradient with
    /// respect to its features, divided by its L1 norm and multiplied by the term's weight, plus
    /// the total variation gradient as is.
    /// </summary>
    private static torch.Tensor NormalizedSurrogate(Evaluation evaluation)
    {
        torch.Tensor surrogate = evaluation.Variation;
        foreach (LayerTerm term in evaluation.Layers.Where(t => t.Weight > 0))
        {
            torch.Tensor g = torch.autograd.grad([term.Loss], [term.Features], retain_graph: true)[0];
            torch.Tensor normalized = (g / (g.abs().sum() + GradientNormFloor) * term.Weight).detach();
            surrogate = surrogate + (term.Features * normalized).sum();
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
    public void Dispose()
    {
        foreach (torch.Tensor t in _contentTargets.Values)
        {
            t.Dispose();
        }

        foreach (StyleRegion region in _regions)
        {
            region.Dispose();
        }

        _contentTargets.Clear();
        _regions.Clear();
    }

    private readonly record struct LayerTerm(torch.Tensor Loss, torch.Tensor Features, double Weight, bool IsStyle);

    private sealed record Evaluation(torch.Tensor Total, torch.Tensor Terms, IReadOnlyList<LayerTerm> Layers, torch.Tensor Variation);

    /// <summary>Style targets per layer and, for a masked style, its mask at each layer's resolution.</summary>
    private sealed record StyleRegion(
        Dictionary<FeatureLayer, torch.Tensor> Targets,
        Dictionary<FeatureLayer, torch.Tensor>? LayerMasks,
        double Weight) : IDisposable
    {
        public void Dispose()
        {
            foreach (torch.Tensor t in Targets.Values.Concat((IEnumerable<torch.Tensor>?)LayerMasks?.Values ?? []))
            {
                t.Dispose();
            }
        }
    }
}
