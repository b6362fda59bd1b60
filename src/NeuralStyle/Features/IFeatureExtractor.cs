using System.Diagnostics.CodeAnalysis;
using TorchSharp;

namespace NeuralStyle.Features;

/// <summary>
/// A frozen, pretrained network used as a feature extractor: given network input, returns the
/// activations of the requested layers. Implementations describe their input normalisation (the
/// transfer maps RGB to it), run only as deep as the deepest requested layer, keep their weights
/// frozen in evaluation mode, and release their native memory on <see cref="IDisposable.Dispose"/>.
/// Helpers for writing one are in <c>NeuralStyle.Features.Authoring</c>.
/// </summary>
public interface IFeatureExtractor : IDisposable
{
    /// <summary>A short name for logs and reports, e.g. <c>VGG19</c>.</summary>
    string Name { get; }

    /// <summary>Every layer this extractor can return, in forward order.</summary>
    IReadOnlyList<FeatureLayer> Layers { get; }

    /// <summary>The input normalisation the weights expect: how an RGB image in [0, 1] becomes network input.</summary>
    IInputNormalization Normalization { get; }

    /// <summary>The device the weights live on.</summary>
    torch.Device Device { get; }

    /// <summary>The floating-point type of the weights (and of the tensors it returns).</summary>
    torch.ScalarType DataType { get; }

    /// <summary>How this backbone's memory use scales, for the transfer's memory estimate (default: a conservative profile).</summary>
    ExtractorMemoryProfile MemoryProfile => ExtractorMemoryProfile.Default;

    /// <summary>Layers that give good results with the default preset on this network.</summary>
    RecommendedLayers Recommended { get; }

    /// <summary>
    /// The smallest image side, in pixels, from which this network computes <paramref name="deepest"/>
    /// (and every layer before it); a transfer refuses smaller images before it starts. Default 1.
    /// </summary>
    int MinimumInputSide(FeatureLayer deepest) => 1;

    /// <summary>
    /// Resolves a layer name (including aliases such as Keras' <c>block5_conv2</c>); when it does
    /// not exist, <paramref name="problem"/> says why and lists the valid names.
    /// </summary>
    bool TryParseLayer(string name, [NotNullWhen(true)] out FeatureLayer? layer, [NotNullWhen(false)] out string? problem);

    /// <summary>
    /// Returns the activations of <paramref name="layers"/> for a batch of network input
    /// (<c>[N, 3, H, W]</c>, already normalised as <see cref="Normalization"/> says). The returned
    /// tensors belong to the caller's dispose scope. The only extraction entry point.
    /// </summary>
    IReadOnlyDictionary<FeatureLayer, torch.Tensor> ExtractNormalized(torch.Tensor input, IReadOnlyCollection<FeatureLayer> layers);
}
