using NeuralStyle.Features;
using NeuralStyle.Losses;
using TorchSharp;

namespace NeuralStyle.Transfer;

/// <summary>
/// The style-transfer objective: weighted content, Gram style and total variation losses of an
/// image tensor. Content activations and style Gram matrices are computed once, here, and reused
/// by every evaluation (the Keras example recomputes all three images on every step).
/// </summary>
public sealed class StyleObjective : IDisposable
{
    private readonly IFeatureExtractor _extractor;
    private readonly ObjectiveDefinition _definition;
    private readonly OptimizationSpace _space;
    private readonly FeatureLayer[] _layers;
    private readonly Dictionary<FeatureLayer, torch.Tensor> _contentTargets = [];
    private readonly Dictionary<FeatureLayer, torch.Tensor> _styleTargets = [];
    private readonly ContentLoss _contentLoss;
    private readonly GramStyleLoss _styleLoss;
    private readonly TotalVariationLoss _totalVariation;

    /// <summary>Computes the targets.</summary>
    /// <param name="extractor">The feature extractor (not owned).</param>
    /// <param name="definition">The loss terms.</param>
    /// <param name="space">The space of <paramref name="content"/>, the styles and every evaluated tensor.</param>
    /// <param name="content">The content image, <c>[1, 3, H, W]</c>.</param>
    /// <param name="styles">Style images and blend weights; the target Gram is the weighted mean of theirs.</param>
    public StyleObjective(
        IFeatureExtractor extractor,
        ObjectiveDefinition definition,
        OptimizationSpace space,
        torch.Tensor content,
        IReadOnlyList<(torch.Tensor Image, double Weight)> styles)
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
        _styleLoss = new GramStyleLoss(definition.StyleFormula);
        _totalVariation = new TotalVariationLoss(definition.TotalVariationFormula);
        _layers = definition.ContentLayers.Concat(definition.StyleLayers).Select(l => l.Layer).Distinct().ToArray();

        double blendTotal = styles.Sum(s => s.Weight);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        foreach ((FeatureLayer layer, torch.Tensor activation) in Features(content, definition.ContentLayers.Select(l => l.Layer).ToArray()))
        {
            _contentTargets[layer] = activation.detach().DetachFromDisposeScope();
        }

        FeatureLayer[] styleLayers = definition.StyleLayers.Select(l => l.Layer).Distinct().ToArray();
        foreach ((torch.Tensor image, double weight) in styles)
        {
            foreach ((FeatureLayer layer, torch.Tensor activation) in Features(image, styleLayers))
            {
                torch.Tensor gram = _styleLoss.TargetGram(activation).mul_(weight / blendTotal);
                if (_styleTargets.TryGetValue(layer, out torch.Tensor? sum))
                {
                    sum.add_(gram);
                }
                else
                {
                    _styleTargets[layer] = gram.DetachFromDisposeScope();
                }
            }
        }
    }

    /// <summary>The target Gram matrix of a style layer (for inspection and tests).</summary>
    public torch.Tensor StyleTarget(FeatureLayer layer) => _styleTargets[layer];

    /// <summary>
    /// Evaluates the objective at <paramref name="image"/> and its gradient with respect to it.
    /// </summary>
    /// <param name="image">The optimised tensor (in this objective's space).</param>
    /// <param name="gradient">d(total)/d(image), a new tensor owned by the caller.</param>
    public LossBreakdown Evaluate(torch.Tensor image, out torch.Tensor gradient)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var scope = torch.NewDisposeScope();
        using torch.Tensor variable = image.detach().requires_grad_(true);
        (torch.Tensor total, torch.Tensor terms) = Terms(variable);
        gradient = torch.autograd.grad([total], [variable])[0].detach().MoveToOuterDisposeScope();
        return Read(terms);
    }

    /// <summary>Evaluates the objective without a gradient.</summary>
    public LossBreakdown Evaluate(torch.Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return Read(Terms(image).Terms);
    }

    private (torch.Tensor Total, torch.Tensor Terms) Terms(torch.Tensor image)
    {
        long height = image.shape[^2], width = image.shape[^1];
        IReadOnlyDictionary<FeatureLayer, torch.Tensor> features = Features(image, _layers);
        torch.Tensor zero = torch.zeros([], image.dtype, image.device);
        torch.Tensor content = zero, style = zero, variation = zero;
        if (_definition.ContentWeight > 0)
        {
            foreach (WeightedLayer layer in _definition.ContentLayers)
            {
                content = content + _contentLoss.Compute(features[layer.Layer], _contentTargets[layer.Layer]) * layer.Weight;
            }

            content = content * _definition.ContentWeight;
        }

        if (_definition.StyleWeight > 0)
        {
            foreach (WeightedLayer layer in _definition.StyleLayers)
            {
                style = style + _styleLoss.Compute(features[layer.Layer], _styleTargets[layer.Layer], height, width) * layer.Weight;
            }

            style = style * _definition.StyleWeight;
        }

        if (_definition.TotalVariationWeight > 0)
        {
            variation = _totalVariation.Compute(image) * _definition.TotalVariationWeight;
        }

        torch.Tensor total = content + style + variation;
        return (total, torch.stack([total, content, style, variation]));
    }

    private IReadOnlyDictionary<FeatureLayer, torch.Tensor> Features(torch.Tensor image, IReadOnlyCollection<FeatureLayer> layers) =>
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
        foreach (torch.Tensor t in _contentTargets.Values.Concat(_styleTargets.Values))
        {
            t.Dispose();
        }

        _contentTargets.Clear();
        _styleTargets.Clear();
    }
}
