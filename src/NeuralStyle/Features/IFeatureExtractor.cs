using TorchSharp;

namespace NeuralStyle.Features;

/// <summary>
/// A frozen, pretrained network used as a feature extractor: given an image, returns the
/// activations of the requested layers. Implementations own their input normalisation, run only
/// as deep as the deepest requested layer, keep their weights frozen in evaluation mode, and
/// release their native memory on <see cref="IDisposable.Dispose"/>.
/// </summary>
public interface IFeatureExtractor : IDisposable
{
    /// <summary>A short name for logs and reports, e.g. <c>VGG19</c>.</summary>
    string Name { get; }

    /// <summary>Every layer this extractor can return, in forward order.</summary>
    IReadOnlyList<FeatureLayer> Layers { get; }

    /// <summary>The input normalisation the weights expect.</summary>
    IInputNormalization Normalization { get; }

    /// <summary>The device the weights live on.</summary>
    torch.Device Device { get; }

    /// <summary>The floating-point type of the weights (and of the tensors it returns).</summary>
    torch.ScalarType DataType { get; }

    /// <summary>How this backbone's memory use scales, for <see cref="Transfer.MemoryEstimator"/> (default: a conservative profile).</summary>
    ExtractorMemoryProfile MemoryProfile => ExtractorMemoryProfile.Default;

    /// <summary>Layers that give good results with the default preset on this network.</summary>
    RecommendedLayers Recommended { get; }

    /// <summary>
    /// Resolves a layer name (including aliases such as Keras' <c>block5_conv2</c>).
    /// Throws <see cref="ArgumentException"/> listing the valid names when it does not exist.
    /// </summary>
    FeatureLayer ParseLayer(string name);

    /// <summary>
    /// Returns the activations of <paramref name="layers"/> for an input that is already
    /// normalised network input (<c>[N, 3, H, W]</c>). The returned tensors belong to the
    /// caller's dispose scope.
    /// </summary>
    IReadOnlyDictionary<FeatureLayer, torch.Tensor> ExtractNormalized(torch.Tensor input, IReadOnlyCollection<FeatureLayer> layers);
}
