using NeuralStyle.Features;
using NeuralStyle.Losses;
using NeuralStyle.Transfer;

namespace NeuralStyle.Testing;

/// <summary>Objectives the backbone tests build: named layers, equal weights, relative losses.</summary>
internal static class TestObjectives
{
    /// <summary>Content and style layers parsed by <paramref name="extractor"/>, each of weight 1; content 1, style 10, total variation 1e-3.</summary>
    public static ObjectiveDefinition Relative(IFeatureExtractor extractor, IEnumerable<string> content, IEnumerable<string> style) => new(
        content.Select(name => new WeightedLayer(extractor.ParseLayer(name), 1)).ToArray(),
        style.Select(name => new WeightedLayer(extractor.ParseLayer(name), 1)).ToArray(),
        ContentWeight: 1,
        StyleWeight: 10,
        TotalVariationWeight: 1e-3,
        ContentLossFormula.Relative,
        StyleLossFormula.Relative,
        TotalVariationFormula.MeanSquare);
}
