using TorchSharp;

namespace NeuralStyle.Features;

/// <summary>Conveniences over <see cref="IFeatureExtractor"/>.</summary>
public static class FeatureExtractorExtensions
{
    /// <summary>Resolves a layer name; throws <see cref="ArgumentException"/> listing the valid names when it does not exist.</summary>
    public static FeatureLayer ParseLayer(this IFeatureExtractor extractor, string name)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        return extractor.TryParseLayer(name, out FeatureLayer? layer, out string? problem) ? layer : throw new ArgumentException(problem);
    }

    /// <summary>The activations of <paramref name="layers"/> for RGB images in [0, 1] (<c>[N, 3, H, W]</c>): normalised as the network expects, then extracted.</summary>
    public static IReadOnlyDictionary<FeatureLayer, torch.Tensor> ExtractRgb(this IFeatureExtractor extractor, torch.Tensor rgb, IReadOnlyCollection<FeatureLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(rgb);
        using torch.Tensor input = extractor.Normalization.Normalize(rgb);
        return extractor.ExtractNormalized(input, layers);
    }
}
