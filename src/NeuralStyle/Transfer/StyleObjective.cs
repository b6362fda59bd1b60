using NeuralStyle.Features;
using NeuralStyle.Losses;
using TorchSharp;

namespace NeuralStyle.Transfer;

/// <summary>
/// The style-transfer objective: weighted content, style and total variation losses of an image
/// tensor. Content activations and style targets are computed once, here, and reused by every
/// evaluation (the Keras example recomputes all three images on every step).
/// </summary>
public sealed class StyleObjective : IDisposable
{
    private const double GradientNormFloor = 1e-8;
    private readonly IFeatureExtractor _extractor;
    private readonly ObjectiveDefinition _definition;
    private readonly OptimizationSpace _space;
    private readonly FeatureLayer[] _layers;
    private readonly Dictionary<FeatureLayer, torch.Tensor> _contentTargets = [];
    private readonly List<StyleRegion> _regions = [];
    private readonly ContentLoss _contentLoss;
    private readonly IStyleLoss _styleLoss;
    private readonly TotalVariationLoss _totalVariation;
    private readonly TiledExtraction? _tiling;

    /// <summary>Computes the targets.</summary>
    /// <param name="extractor">The feature extractor (not owned).</param>
    /// <param name="definition">The loss terms.</param>
    /// <param name="space">The space of <paramref name="content"/>, the styles and every evaluated tensor.</param>
    /// <param name="content">The content image, <c>[1, 3, H, W]</c>; evaluated images have its size.</param>
    /// <param name="styles">
    /// Style images: those without a mask share one target (the weighted mean of their statistics);
    /// each masked one is matched over its region only.
    /// </param>
    public StyleObjective(
        IFeatureExtractor extractor,
        ObjectiveDefinition definition,
        OptimizationSpace space,
        torch.Tensor content,
        IReadOnlyList<StyleTensor> styles)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(styles);
        if (styles.Count == 0)
        {
            throw new ArgumentException("At least one style image is needed.", nameof(styles));
        }

        _extractor = extractor;
        _definition = definition;
        _space = space;
        _contentLoss = new ContentLoss(definition.ContentFormula);
        _styleLoss = StyleLosses.Create(definition.StyleLoss, definition.StyleFormula);
        _totalVariation = new TotalVariationLoss(definition.TotalVariationFormula);
        _layers = [.. definition.Layers];
        _tiling = definition.Tiling is null ? null : new TiledExtraction(WholeImageFeatures, definition.Tiling, _layers, content.dtype, content.device);

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        bool masked = styles.Any(s => s.Mask is not null);
        FeatureLayer[] contentLayers = definition.ContentLayers.Select(l => l.Layer).Distinct().ToArray();
        IReadOnlyDictionary<FeatureLayer, torch.Tensor> contentFeatures = Features(content, masked ? _layers : contentLayers);
        foreach (FeatureLayer layer in contentLayers)
        {
            _contentTargets[layer] = contentFeatures[layer].detach().DetachFromDisposeScope();
        }

        FeatureLayer[] styleLayers = definition.StyleLayers.Select(l => l.Layer).Distinct().ToArray();
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

    /// <summary>Computes the targets of styles given as image and blend weight, none masked.</summary>
    public StyleObjective(
        IFeatureExtractor extractor,
        ObjectiveDefinition definition,
        OptimizationSpace space,
        torch.Tensor content,
        IReadOnlyList<(torch.Tensor Image, double Weight)> styles)
        : this(extractor, definition, space, content, (styles ?? throw new ArgumentNullException(nameof(styles))).Select(s => new StyleTensor(s.Image, s.Weight)).ToArray())
    {
    }

    /// <summary>The target of a style layer for the unmasked styles, e.g. their blended Gram matrix (for inspection and tests).</summary>
    public torch.Tensor StyleTarget(FeatureLayer layer) => _regions.First(r => r.LayerMasks is null).Targets[layer];

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
        Evaluation evaluation = Terms(variable, WholeImageFeatures(variable, _layers));
        gradient = torch.autograd.grad([Differentiated(evaluation)], [variable])[0].detach().MoveToOuterDisposeScope();
        return Read(evaluation.Terms);
    }

    /// <summary>
    /// The tiled evaluation: losses on the assembled feature maps (leaves of their own graph), their
    /// gradients carried back to the image tile by tile, plus the total variation gradient.
    /// </summary>
    private LossBreakdown EvaluateTiled(TiledExtraction tiling, torch.Tensor image, out torch.Tensor gradient, CancellationToken cancellationToken)
    {
        FeatureLayer[] active = ActiveLayers();
        Dictionary<FeatureLayer, torch.Tensor> maps = tiling.Assemble(image.detach(), _layers, cancellationToken);
        foreach (FeatureLayer layer in active)
        {
            maps[layer].requires_grad_(true);
        }

        bool smoothed = _definition.TotalVariationWeight > 0;
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

    /// <summary>The layers whose terms have a weight, i.e. those the total depends on.</summary>
    private FeatureLayer[] ActiveLayers() =>
        (_definition.ContentWeight > 0 ? _definition.ContentLayers : [])
            .Concat(_definition.StyleWeight > 0 ? _definition.StyleLayers : [])
            .Select(l => l.Layer)
            .Distinct()
            .ToArray();

    private torch.Tensor Differentiated(Evaluation evaluation) =>
        _definition.NormalizeGradients ? NormalizedSurrogate(evaluation) : evaluation.Total;

    /// <summary>Evaluates the objective without a gradient.</summary>
    public LossBreakdown Evaluate(torch.Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return Read(Terms(image, Features(image, _layers)).Terms);
    }

    private Dictionary<FeatureLayer, torch.Tensor> Targets(IReadOnlyList<StyleTensor> styles, FeatureLayer[] layers)
    {
        double blendTotal = styles.Sum(s => s.Weight);
        var sums = new Dictionary<FeatureLayer, torch.Tensor>();
        foreach (StyleTensor style in styles)
        {
            foreach ((FeatureLayer layer, torch.Tensor activation) in Features(style.Image, layers))
            {
                torch.Tensor statistic = _styleLoss.Statistic(activation).mul_(style.Weight / blendTotal);
                if (!sums.TryAdd(layer, statistic))
                {
                    sums[layer].add_(statistic);
                }
            }
        }

        return sums.ToDictionary(p => p.Key, p => _styleLoss.PrepareTarget(p.Value).detach().DetachFromDisposeScope());
    }

    private static torch.Tensor LayerMask(torch.Tensor mask, torch.Tensor layerFeatures) =>
        torch.nn.functional.adaptive_avg_pool2d(mask.to(layerFeatures.dtype, layerFeatures.device), [layerFeatures.shape[^2], layerFeatures.shape[^1]])
            .reshape(-1);

    private Evaluation Terms(torch.Tensor image, IReadOnlyDictionary<FeatureLayer, torch.Tensor> features)
    {
        long height = image.shape[^2], width = image.shape[^1];
        torch.Tensor zero = torch.zeros([], image.dtype, image.device);
        var layerTerms = new List<LayerTerm>();
        if (_definition.ContentWeight > 0)
        {
            foreach (WeightedLayer layer in _definition.ContentLayers)
            {
                torch.Tensor f = features[layer.Layer];
                layerTerms.Add(new LayerTerm(_contentLoss.Compute(f, _contentTargets[layer.Layer]), f, layer.Weight * _definition.ContentWeight, false));
            }
        }

        if (_definition.StyleWeight > 0)
        {
            foreach (StyleRegion region in _regions)
            {
                foreach (WeightedLayer layer in _definition.StyleLayers)
                {
                    torch.Tensor f = features[layer.Layer];
                    torch.Tensor loss = _styleLoss.Compute(f, region.Targets[layer.Layer], height, width, region.LayerMasks?[layer.Layer]);
                    layerTerms.Add(new LayerTerm(loss, f, layer.Weight * region.Weight * _definition.StyleWeight, true));
                }
            }
        }

        torch.Tensor content = Sum(layerTerms.Where(t => !t.IsStyle), zero);
        torch.Tensor style = Sum(layerTerms.Where(t => t.IsStyle), zero);
        torch.Tensor variation = _definition.TotalVariationWeight > 0
            ? _totalVariation.Compute(image) * _definition.TotalVariationWeight
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
        Tiled(image) ? _tiling!.Assemble(image, layers) : WholeImageFeatures(image, layers);

    /// <summary>Whether tiling is on and <paramref name="image"/> needs more than one tile.</summary>
    private bool Tiled(torch.Tensor image) => _tiling is not null && _tiling.Splits(image.shape[^2], image.shape[^1]);

    private IReadOnlyDictionary<FeatureLayer, torch.Tensor> WholeImageFeatures(torch.Tensor image, IReadOnlyCollection<FeatureLayer> layers) =>
        _space == OptimizationSpace.Rgb ? _extractor.Extract(image, layers) : _extractor.ExtractNormalized(image, layers);

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
