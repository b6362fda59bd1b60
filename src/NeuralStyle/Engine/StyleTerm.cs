using NeuralStyle.Features;
using NeuralStyle.Losses;
using TorchSharp;

namespace NeuralStyle.Engine;

/// <summary>
/// The style term: the distance between an image's feature statistics (e.g. Gram matrices) and the
/// style's, per layer. It owns the style's targets: computed once, whatever the number of images it
/// is evaluated on.
/// </summary>
public sealed class StyleTerm : ObjectiveTerm
{
    private readonly IReadOnlyList<WeightedLayer> _layers;
    private readonly IStyleLoss _loss;
    private readonly double _regionWeight;
    private readonly Dictionary<FeatureLayer, torch.Tensor> _targets;
    private readonly Dictionary<FeatureLayer, torch.Tensor>? _masks;

    /// <summary>Takes ownership of prepared targets and, for a style matched over a region, its masks per layer.</summary>
    internal StyleTerm(
        IStyleLoss loss,
        IReadOnlyList<WeightedLayer> layers,
        double weight,
        Dictionary<FeatureLayer, torch.Tensor> targets,
        Dictionary<FeatureLayer, torch.Tensor>? masks = null,
        double regionWeight = 1)
        : base(ObjectiveTermKind.Style, weight)
    {
        _loss = loss;
        _layers = layers;
        _targets = targets;
        _masks = masks;
        _regionWeight = regionWeight;
        Layers = layers.Select(l => l.Layer).Distinct().ToArray();
    }

    /// <inheritdoc />
    public override IReadOnlyList<FeatureLayer> Layers { get; }

    /// <summary>
    /// The style term of <paramref name="styles"/>: their statistics at every layer, blended by the
    /// styles' weights (a weighted mean; masks are not used here).
    /// </summary>
    /// <param name="layers">The style layers and their weights.</param>
    /// <param name="weight">The term's weight (finite, at least 0).</param>
    /// <param name="kind">The statistic matched.</param>
    /// <param name="formula">The Gram loss's normalisation (for <see cref="StyleLossKind.Gram"/>).</param>
    /// <param name="styles">The style images, in the representation <paramref name="features"/> expects.</param>
    /// <param name="features">Where activations come from.</param>
    public static StyleTerm Blend(
        IReadOnlyList<WeightedLayer> layers,
        double weight,
        StyleLossKind kind,
        StyleLossFormula formula,
        IReadOnlyList<StyleTensor> styles,
        FeatureSource features)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(styles);
        ArgumentNullException.ThrowIfNull(features);
        CheckWeight(weight);
        if (styles.Count == 0 || styles.Any(s => s is null || !(s.Weight > 0) || double.IsInfinity(s.Weight)))
        {
            throw new ArgumentException("A style term needs at least one style image, each with a finite blend weight > 0.", nameof(styles));
        }

        IStyleLoss loss = StyleLosses.Create(kind, formula);
        return new StyleTerm(loss, [.. layers], weight, Targets(loss, styles, layers.Select(l => l.Layer).Distinct().ToArray(), features));
    }

    /// <summary>
    /// Style targets: each style image's statistic per layer, blended by the images' weights (a
    /// weighted mean), then prepared by the loss. Detached tensors the caller owns.
    /// </summary>
    internal static Dictionary<FeatureLayer, torch.Tensor> Targets(
        IStyleLoss loss,
        IReadOnlyList<StyleTensor> styles,
        IReadOnlyCollection<FeatureLayer> layers,
        FeatureSource features)
    {
        ArgumentNullException.ThrowIfNull(styles);
        ArgumentNullException.ThrowIfNull(features);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        double blendTotal = styles.Sum(s => s.Weight);
        var sums = new Dictionary<FeatureLayer, torch.Tensor>();
        foreach (StyleTensor style in styles)
        {
            foreach ((FeatureLayer layer, torch.Tensor activation) in features(style.Image, layers))
            {
                torch.Tensor statistic = loss.Statistic(activation).Times_(style.Weight / blendTotal);
                if (!sums.TryAdd(layer, statistic))
                {
                    sums[layer].add_(statistic);
                }
            }
        }

        return sums.ToDictionary(p => p.Key, p => loss.PrepareTarget(p.Value).detach().DetachFromDisposeScope());
    }

    /// <inheritdoc />
    public override IEnumerable<WeightedLoss> Losses(TermInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Weight == 0)
        {
            return [];
        }

        long height = input.Image.shape[^2], width = input.Image.shape[^1];
        return _layers.Select(layer =>
        {
            torch.Tensor features = input.Features[layer.Layer];
            torch.Tensor loss = _loss.Compute(features, _targets[layer.Layer], height, width, _masks?[layer.Layer]);
            return new WeightedLoss(loss, layer.Weight * _regionWeight * Weight, features);
        }).ToArray();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        foreach (torch.Tensor tensor in _targets.Values.Concat((IEnumerable<torch.Tensor>?)_masks?.Values ?? []))
        {
            tensor.Dispose();
        }
    }
}
