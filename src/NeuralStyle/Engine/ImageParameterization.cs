using NeuralStyle.Configuration;
using NeuralStyle.Features;
using TorchSharp;

namespace NeuralStyle.Engine;

/// <summary>
/// How the optimised tensor represents the image (<see cref="OptimizationSpace"/>), and the one
/// place that turns it into features: RGB in [0, 1] is normalised on every extraction; network
/// input goes to the extractor as it is. Created once per run.
/// </summary>
internal sealed class ImageParameterization
{
    public ImageParameterization(IFeatureExtractor extractor, OptimizationSpace space)
    {
        Extractor = extractor;
        Space = space;
    }

    /// <summary>The network the features come from.</summary>
    public IFeatureExtractor Extractor { get; }

    /// <summary>Which tensor is optimised.</summary>
    public OptimizationSpace Space { get; }

    /// <summary>The optimised tensor's representation of an RGB image in [0, 1].</summary>
    public torch.Tensor FromRgb(torch.Tensor rgb) => Space == OptimizationSpace.Rgb ? rgb : Extractor.Normalization.Normalize(rgb);

    /// <summary>The RGB image (not clamped) an optimised tensor represents.</summary>
    public torch.Tensor ToRgb(torch.Tensor variable) => Space == OptimizationSpace.Rgb ? variable : Extractor.Normalization.Denormalize(variable);

    /// <summary>The activations of <paramref name="layers"/> for an optimised tensor (<c>[N, 3, H, W]</c>).</summary>
    public IReadOnlyDictionary<FeatureLayer, torch.Tensor> Features(torch.Tensor variable, IReadOnlyCollection<FeatureLayer> layers) =>
        Space == OptimizationSpace.NetworkInput ? Extractor.ExtractNormalized(variable, layers) : Extractor.ExtractRgb(variable, layers);
}
