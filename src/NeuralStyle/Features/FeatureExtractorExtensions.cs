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
}
