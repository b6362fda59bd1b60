using TorchSharp;

namespace NeuralStyle.Features;

/// <summary>Conveniences over <see cref="IFeatureExtractor"/>.</summary>
public static class FeatureExtractorExtensions
{
    /// <summary>
    /// Returns the activations of <paramref name="layers"/> for an RGB image tensor in [0, 1]
    /// (<c>[N, 3, H, W]</c>), applying the extractor's input normalisation first. The returned
    /// tensors belong to the caller's dispose scope.
    /// </summary>
    public static IReadOnlyDictionary<FeatureLayer, torch.Tensor> Extract(
        this IFeatureExtractor extractor,
        torch.Tensor rgb,
        IReadOnlyCollection<FeatureLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(rgb);
        using torch.Tensor input = extractor.Normalization.Normalize(rgb);
        return extractor.ExtractNormalized(input, layers);
    }
}
