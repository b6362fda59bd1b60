using NeuralStyle.Configuration;
using NeuralStyle.Engine;
using NeuralStyle.Features;
using NeuralStyle.Transfer;

namespace NeuralStyle.Testing;

/// <summary>Objectives the backbone tests build: named layers, equal weights, relative losses; and the tensor-level objective over them.</summary>
internal static class TestObjectives
{
    /// <summary>
    /// Content and style layers parsed by <paramref name="extractor"/>, each of weight 1; content 1, style 10, total variation 1e-3 as given (strength 1);
    /// <paramref name="change"/> changes the rest (e.g. the statistic).
    /// </summary>
    public static ResolvedObjective Relative(
        IFeatureExtractor extractor, IEnumerable<string> content, IEnumerable<string> style, Func<ObjectiveSettings, ObjectiveSettings>? change = null)
    {
        var settings = new ObjectiveSettings
        {
            StyleStrength = 1,
            ContentLayers = content.Select(name => new LayerChoice(name)).ToArray(),
            StyleLayers = style.Select(name => new LayerChoice(name)).ToArray(),
            ContentWeight = 1,
            StyleWeight = 10,
            TotalVariationWeight = 1e-3,
        };
        return Resolve(extractor, change is null ? settings : change(settings));
    }

    /// <summary><paramref name="settings"/>' layer names resolved by <paramref name="extractor"/> (every name must exist).</summary>
    public static ResolvedObjective Resolve(IFeatureExtractor extractor, ObjectiveSettings settings)
    {
        var problems = new ProblemList();
        ResolvedObjective objective = ResolvedObjective.Resolve(extractor, settings, problems);
        problems.ThrowIfAny();
        return objective;
    }

    /// <summary>The activations of <paramref name="layers"/> for an RGB image in [0, 1], normalised as the extractor expects (as a transfer does).</summary>
    public static IReadOnlyDictionary<FeatureLayer, TorchSharp.torch.Tensor> Features(IFeatureExtractor extractor, TorchSharp.torch.Tensor rgb, IReadOnlyCollection<FeatureLayer> layers) =>
        new ImageParameterization(extractor, OptimizationSpace.Rgb).Features(rgb, layers);

    /// <summary>The objective of <paramref name="objective"/> over RGB (or network-input) tensors, targets computed from unmasked styles.</summary>
    public static StyleObjective Objective(
        IFeatureExtractor extractor,
        ResolvedObjective objective,
        TorchSharp.torch.Tensor content,
        IReadOnlyList<(TorchSharp.torch.Tensor Image, double Weight)> styles,
        OptimizationSpace space = OptimizationSpace.Rgb,
        TilingSettings? tiling = null) =>
        new(new ImageParameterization(extractor, space), objective, tiling, content, styles.Select(s => new StyleTensor(s.Image, s.Weight)).ToArray());
}
