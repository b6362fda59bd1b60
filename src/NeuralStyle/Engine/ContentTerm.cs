using NeuralStyle.Features;
using NeuralStyle.Losses;
using TorchSharp;

namespace NeuralStyle.Engine;

/// <summary>The content term: the distance between an image's activations and a content image's, per layer.</summary>
public sealed class ContentTerm : ObjectiveTerm
{
    private readonly IReadOnlyList<WeightedLayer> _layers;
    private readonly ContentLoss _loss;
    private readonly IReadOnlyDictionary<FeatureLayer, torch.Tensor>? _targets;

    /// <summary>Creates the term.</summary>
    /// <param name="layers">The content layers and their weights.</param>
    /// <param name="weight">The term's weight (finite, at least 0).</param>
    /// <param name="formula">How activations are compared.</param>
    /// <param name="targets">
    /// The content image's activations at every layer, owned by the term once the constructor returns
    /// (disposed with it; the caller keeps them if it throws); null compares each image with
    /// <see cref="TermInput.Reference"/> instead (a fast network's output with its own input).
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="targets"/> lacks one of <paramref name="layers"/>.</exception>
    public ContentTerm(IReadOnlyList<WeightedLayer> layers, double weight, ContentLossFormula formula, IReadOnlyDictionary<FeatureLayer, torch.Tensor>? targets = null)
        : base(ObjectiveTermKind.Content, weight)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (targets is not null && layers.FirstOrDefault(l => !targets.ContainsKey(l.Layer)) is WeightedLayer missing)
        {
            throw new ArgumentException($"The content targets have no activations of layer {missing.Layer}.", nameof(targets));
        }

        _layers = [.. layers];
        _loss = new ContentLoss(formula);
        _targets = targets;
        Layers = layers.Select(l => l.Layer).Distinct().ToArray();
    }

    /// <inheritdoc />
    public override IReadOnlyList<FeatureLayer> Layers { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The term owns no targets and <paramref name="input"/> has no <see cref="TermInput.Reference"/>.</exception>
    public override IEnumerable<WeightedLoss> Losses(TermInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Weight == 0)
        {
            return [];
        }

        IReadOnlyDictionary<FeatureLayer, torch.Tensor> targets = _targets ?? input.Reference
            ?? throw new ArgumentException("This content term owns no targets, so every evaluation needs the reference image's activations (TermInput.Reference).", nameof(input));
        return _layers.Select(layer =>
        {
            torch.Tensor features = input.Features[layer.Layer];
            return new WeightedLoss(_loss.Compute(features, targets[layer.Layer]), layer.Weight * Weight, features);
        }).ToArray();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        foreach (torch.Tensor target in _targets?.Values ?? [])
        {
            target.Dispose();
        }
    }
}
