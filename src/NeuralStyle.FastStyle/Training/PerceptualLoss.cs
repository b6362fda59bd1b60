using NeuralStyle.Configuration;
using NeuralStyle.Features;
using NeuralStyle.Losses;
using NeuralStyle.Transfer;
using TorchSharp;

namespace NeuralStyle.FastStyle.Training;

/// <summary>
/// Johnson et al.'s perceptual loss of a batch, built from the core's content, style and total
/// variation losses and its style targets (the same formulas, weights and layers as a transfer):
/// each output crop against its own input crop's content features and the style's blended target.
/// </summary>
internal sealed class PerceptualLoss : IDisposable
{
    private readonly ImageParameterization _image;
    private readonly ResolvedObjective _objective;
    private readonly ContentLoss _contentLoss;
    private readonly IStyleLoss _styleLoss;
    private readonly TotalVariationLoss _totalVariation;
    private readonly FeatureLayer[] _layers;
    private readonly FeatureLayer[] _contentLayers;
    private readonly Dictionary<FeatureLayer, torch.Tensor> _styleTargets;

    /// <summary>Computes the style targets from <paramref name="styles"/> (RGB in [0, 1]).</summary>
    public PerceptualLoss(IFeatureExtractor extractor, ResolvedObjective objective, IReadOnlyList<StyleTensor> styles)
    {
        _image = new ImageParameterization(extractor, OptimizationSpace.Rgb);
        _objective = objective;
        ObjectiveSettings settings = objective.Settings;
        _contentLoss = new ContentLoss(settings.ContentFormula);
        _styleLoss = StyleLosses.Create(settings.StyleLoss, settings.StyleFormula);
        _totalVariation = new TotalVariationLoss(settings.TotalVariationFormula);
        _layers = [.. objective.ActiveLayers];
        _contentLayers = objective.ContentLayers.Select(l => l.Layer).Distinct().ToArray();
        FeatureLayer[] styleLayers = objective.StyleLayers.Select(l => l.Layer).Distinct().ToArray();
        _styleTargets = StyleTargets.Blend(_styleLoss, styles, styleLayers, _image.Features);
    }

    /// <summary>The loss of <paramref name="output"/> for <paramref name="input"/> (both <c>[B, 3, S, S]</c>), averaged over the batch: the total to differentiate and its four terms.</summary>
    public (torch.Tensor Total, torch.Tensor Terms) Compute(torch.Tensor output, torch.Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        IReadOnlyDictionary<FeatureLayer, torch.Tensor> features = _image.Features(output, _layers);
        IReadOnlyDictionary<FeatureLayer, torch.Tensor> contentTargets;
        using (torch.no_grad())
        {
            contentTargets = _objective.ContentWeight > 0 ? _image.Features(input, _contentLayers) : new Dictionary<FeatureLayer, torch.Tensor>();
        }

        long batch = output.shape[0], height = output.shape[^2], width = output.shape[^1];
        torch.Tensor zero = torch.zeros([], output.dtype, output.device);
        torch.Tensor content = zero, style = zero, variation = zero;
        for (long b = 0; b < batch; b++)
        {
            if (_objective.ContentWeight > 0)
            {
                foreach (WeightedLayer layer in _objective.ContentLayers)
                {
                    torch.Tensor loss = _contentLoss.Compute(features[layer.Layer].narrow(0, b, 1), contentTargets[layer.Layer].narrow(0, b, 1));
                    content = content + (loss * (layer.Weight * _objective.ContentWeight));
                }
            }

            if (_objective.StyleWeight > 0)
            {
                foreach (WeightedLayer layer in _objective.StyleLayers)
                {
                    torch.Tensor loss = _styleLoss.Compute(features[layer.Layer].narrow(0, b, 1), _styleTargets[layer.Layer], height, width);
                    style = style + (loss * (layer.Weight * _objective.StyleWeight));
                }
            }

            if (_objective.TotalVariationWeight > 0)
            {
                variation = variation + (_totalVariation.Compute(output.narrow(0, b, 1)) * _objective.TotalVariationWeight);
            }
        }

        torch.Tensor terms = torch.stack([content, style, variation]) / batch;
        torch.Tensor total = terms.sum();
        return (total.MoveToOuterDisposeScope(), torch.cat([total.unsqueeze(0), terms]).detach().MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (torch.Tensor target in _styleTargets.Values)
        {
            target.Dispose();
        }
    }
}
