using NeuralStyle.Features;
using TorchSharp;

namespace NeuralStyle.Engine;

/// <summary>
/// A composition of <see cref="ObjectiveTerm"/>s: the weighted sums of their losses. A transfer
/// composes a content term that owns the photo's activations, a style term per region and total
/// variation; fast-style training composes a content term against each input crop, one style term
/// and total variation. Owns (disposes) its terms.
/// </summary>
public sealed class Objective : IDisposable
{
    private readonly ObjectiveTerm[] _terms;

    /// <summary>Composes <paramref name="terms"/>; the objective owns them once the constructor returns (the caller keeps them if it throws).</summary>
    /// <exception cref="ArgumentException">No term was given.</exception>
    public Objective(IEnumerable<ObjectiveTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        _terms = [.. terms];
        if (_terms.Length == 0 || _terms.Any(t => t is null))
        {
            throw new ArgumentException("An objective needs at least one term, and no null term.", nameof(terms));
        }

        Layers = _terms.SelectMany(t => t.Layers).Distinct().ToArray();
        ActiveLayers = _terms.Where(t => t.Weight > 0).SelectMany(t => t.Layers).Distinct().ToArray();
    }

    /// <summary>The terms, in the order their losses are summed.</summary>
    public IReadOnlyList<ObjectiveTerm> Terms => _terms;

    /// <summary>Every layer a term reads, each once, in the terms' order.</summary>
    public IReadOnlyList<FeatureLayer> Layers { get; }

    /// <summary>The layers of the terms with a weight: those the sums depend on.</summary>
    public IReadOnlyList<FeatureLayer> ActiveLayers { get; }

    /// <summary>
    /// The weighted sums over every image of a batch (<c>[N, 3, H, W]</c>): each image's losses,
    /// term by term, added in order.
    /// </summary>
    /// <param name="images">The images.</param>
    /// <param name="features">Their activations at (at least) <see cref="ActiveLayers"/>, batch first.</param>
    /// <param name="reference">The reference images' activations, batch first, for terms that compare with them; null if none does.</param>
    public ObjectiveEvaluation Evaluate(
        torch.Tensor images,
        IReadOnlyDictionary<FeatureLayer, torch.Tensor> features,
        IReadOnlyDictionary<FeatureLayer, torch.Tensor>? reference = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(features);
        long batch = images.shape[0];
        torch.Tensor zero = torch.zeros([], images.dtype, images.device);
        torch.Tensor content = zero, style = zero, variation = zero;
        var losses = new List<WeightedLoss>();
        for (long b = 0; b < batch; b++)
        {
            TermInput input = batch == 1
                ? new TermInput(images, features, reference)
                : new TermInput(images.narrow(0, b, 1), Item(features, b), reference is null ? null : Item(reference, b));
            foreach (ObjectiveTerm term in _terms)
            {
                foreach (WeightedLoss loss in term.Losses(input))
                {
                    losses.Add(loss);
                    torch.Tensor weighted = loss.Loss.Times(loss.Weight);
                    switch (term.Kind)
                    {
                        case ObjectiveTermKind.Content:
                            content = content + weighted;
                            break;
                        case ObjectiveTermKind.Style:
                            style = style + weighted;
                            break;
                        default:
                            variation = variation + weighted;
                            break;
                    }
                }
            }
        }

        return new ObjectiveEvaluation(content, style, variation, losses);
    }

    private static Dictionary<FeatureLayer, torch.Tensor> Item(IReadOnlyDictionary<FeatureLayer, torch.Tensor> batch, long index) =>
        batch.ToDictionary(p => p.Key, p => p.Value.narrow(0, index, 1));

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (ObjectiveTerm term in _terms)
        {
            term.Dispose();
        }
    }
}
