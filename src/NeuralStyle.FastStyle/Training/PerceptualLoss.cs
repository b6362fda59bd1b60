using NeuralStyle.Engine;
using NeuralStyle.Features;
using NeuralStyle.Transfer;
using TorchSharp;

namespace NeuralStyle.FastStyle.Training;

/// <summary>
/// Johnson et al.'s perceptual loss of a batch: the core's objective terms composed for training
/// (the same formulas, weights and layers as a transfer), with each output crop's content term
/// compared with its own input crop and one style term holding the style's blended targets.
/// </summary>
internal sealed class PerceptualLoss : IDisposable
{
    private readonly IFeatureExtractor _extractor;
    private readonly ContentTerm _content;
    private readonly Objective _objective;

    /// <summary>Computes the style targets from <paramref name="styles"/> (RGB in [0, 1]).</summary>
    public PerceptualLoss(IFeatureExtractor extractor, ResolvedObjective objective, IReadOnlyList<StyleTensor> styles)
    {
        _extractor = extractor;
        _content = new ContentTerm(objective.ContentLayers, objective.ContentWeight, objective.Settings.ContentFormula);
        _objective = new Objective(
        [
            _content,
            StyleTerm.Blend(objective.StyleLayers, objective.StyleWeight, objective.Settings.StyleLoss, objective.Settings.StyleFormula, styles, extractor.ExtractRgb),
            new TotalVariationTerm(objective.TotalVariationWeight, objective.Settings.TotalVariationFormula),
        ]);
    }

    /// <summary>The extractor the features come from.</summary>
    internal IFeatureExtractor Extractor => _extractor;

    /// <summary>The composed terms: content (against each input crop), style, total variation.</summary>
    internal Objective Objective => _objective;

    /// <summary>The content term, whose layers the input crops are extracted at.</summary>
    internal ContentTerm Content => _content;

    /// <summary>The loss of <paramref name="output"/> for <paramref name="input"/> (both <c>[B, 3, S, S]</c>), averaged over the batch: the total to differentiate and its four terms.</summary>
    public (torch.Tensor Total, torch.Tensor Terms) Compute(torch.Tensor output, torch.Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        IReadOnlyDictionary<FeatureLayer, torch.Tensor> features = _extractor.ExtractRgb(output, _objective.ActiveLayers);
        IReadOnlyDictionary<FeatureLayer, torch.Tensor> reference;
        using (torch.no_grad())
        {
            reference = _content.Weight > 0 ? _extractor.ExtractRgb(input, _content.Layers) : new Dictionary<FeatureLayer, torch.Tensor>();
        }

        ObjectiveEvaluation sums = _objective.Evaluate(output, features, reference);
        torch.Tensor terms = torch.stack([sums.Content, sums.Style, sums.TotalVariation]).DividedBy(output.shape[0]);
        torch.Tensor total = terms.sum();
        return (total.MoveToOuterDisposeScope(), torch.cat([total.unsqueeze(0), terms]).detach().MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public void Dispose() => _objective.Dispose();
}
