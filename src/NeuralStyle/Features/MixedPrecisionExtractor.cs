using System.Diagnostics.CodeAnalysis;
using TorchSharp;

namespace NeuralStyle.Features;

/// <summary>
/// Mixed precision: wraps a backbone whose weights are in a low-precision type (typically
/// <see cref="torch.ScalarType.BFloat16"/>, fast on CPUs with AVX-512 BF16 and on GPUs) and presents
/// it as a float32 extractor: the input is cast down for the convolutions, the features are cast
/// back to float32, so Gram matrices, losses, the optimised image and the optimiser's state stay
/// in float32. Gradients flow through both casts.
/// </summary>
/// <remarks>
/// The low-precision input runs channels_last (so every convolution does): libtorch 2.10's oneDNN
/// AVX-512 bfloat16 kernels for NCHW tensors compute wrong, unrepeatable input gradients for a
/// convolution with 3 input channels (every backbone's first: ResNet18's 7x7 stem was off by 20 % of
/// the gradient's largest value on an AMD EPYC Zen 5), which a transfer's image and a fast style
/// network's training both need; the channels_last kernels are right (MixedPrecisionTests).
/// </remarks>
public sealed class MixedPrecisionExtractor : IFeatureExtractor
{
    private readonly IFeatureExtractor _inner;
    private readonly bool _ownsInner;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">A backbone built with low-precision weights (e.g. <c>DataType = BFloat16</c> in its options).</param>
    /// <param name="ownsInner">Dispose <paramref name="inner"/> with this wrapper.</param>
    public MixedPrecisionExtractor(IFeatureExtractor inner, bool ownsInner = true)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (inner.DataType is not (torch.ScalarType.BFloat16 or torch.ScalarType.Float16))
        {
            throw new ArgumentException(
                $"{inner.Name} computes in {inner.DataType}; build it with DataType = BFloat16 (or Float16) to use mixed precision.", nameof(inner));
        }

        _inner = inner;
        _ownsInner = ownsInner;
    }

    /// <summary>The type the convolutions run in.</summary>
    public torch.ScalarType ComputeType => _inner.DataType;

    /// <inheritdoc />
    public string Name => $"{_inner.Name} ({_inner.DataType} mixed precision)";

    /// <inheritdoc />
    public IReadOnlyList<FeatureLayer> Layers => _inner.Layers;

    /// <inheritdoc />
    public IInputNormalization Normalization => _inner.Normalization;

    /// <inheritdoc />
    public torch.Device Device => _inner.Device;

    /// <summary>Always float32: what the losses and the optimiser see.</summary>
    public torch.ScalarType DataType => torch.ScalarType.Float32;

    /// <inheritdoc />
    public RecommendedLayers Recommended => _inner.Recommended;

    /// <inheritdoc />
    public ExtractorMemoryProfile MemoryProfile => _inner.MemoryProfile;

    /// <inheritdoc />
    public int MinimumInputSide(FeatureLayer deepest) => _inner.MinimumInputSide(deepest);

    /// <inheritdoc />
    public bool TryParseLayer(string name, [NotNullWhen(true)] out FeatureLayer? layer, [NotNullWhen(false)] out string? problem) =>
        _inner.TryParseLayer(name, out layer, out problem);

    /// <inheritdoc />
    public IReadOnlyDictionary<FeatureLayer, torch.Tensor> ExtractNormalized(torch.Tensor input, IReadOnlyCollection<FeatureLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(input);
        // The scope holds the bfloat16 copies, so none is finalised while a native call reads it; the features leave it.
        using var scope = torch.NewDisposeScope();
        IReadOnlyDictionary<FeatureLayer, torch.Tensor> low = _inner.ExtractNormalized(Authoring.TensorLayout.ToChannelsLast(input.to(_inner.DataType)), layers);
        return low.ToDictionary(p => p.Key, p => p.Value.to(torch.ScalarType.Float32).MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsInner)
        {
            _inner.Dispose();
        }
    }
}
