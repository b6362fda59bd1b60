using NeuralStyle.Configuration;
using TorchSharp;

namespace NeuralStyle.Vgg;

/// <summary>How a VGG19 feature extractor is built.</summary>
public sealed record Vgg19Options
{
    /// <summary>
    /// The options for <paramref name="settings"/>: the preprocessing they need
    /// (<see cref="StyleTransferSettings.Extractor"/>, e.g. Caffe for <see cref="StylePreset.KerasExample"/>),
    /// torchvision's otherwise; every other option at its default.
    /// </summary>
    public static Vgg19Options For(StyleTransferSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Extractor is ExtractorRequirement required && Vgg19PreprocessingNormalization.For(required.Input) is Vgg19Preprocessing preprocessing
            ? new Vgg19Options { Preprocessing = preprocessing }
            : new Vgg19Options();
    }

    /// <summary>The input convention of the weights (torchvision's by default).</summary>
    public Vgg19Preprocessing Preprocessing { get; init; } = Vgg19Preprocessing.Torchvision;

    /// <summary>Max (default) or average pooling.</summary>
    public Vgg19Pooling Pooling { get; init; } = Vgg19Pooling.Max;

    /// <summary>
    /// The deepest layer that will be used; weights are required (and kept) only up to it. Null
    /// keeps the whole feature stack (through <c>pool5</c>).
    /// </summary>
    public Vgg19Layer? DeepestLayer { get; init; }

    /// <summary>Where the weights live (CPU by default; pass a CUDA device with a CUDA libtorch).</summary>
    public torch.Device? Device { get; init; }

    /// <summary>
    /// Run the convolutions with channels_last (NHWC) tensors (default false). Measured on this
    /// project's 2-core AVX2 CPU: forward and backward 1.14–1.18x faster, same features to float
    /// rounding, but a float32 gradient up to 10x further from a float64 reference at some layers
    /// (relu3_1: 1.7e-3 relative vs 3.6e-7 with NCHW; see docs/performance-log.md), so it is opt-in.
    /// Features come back with channels_last strides (same shapes).
    /// </summary>
    public bool ChannelsLast { get; init; }

    /// <summary>Floating-point type of the weights and activations.</summary>
    public torch.ScalarType DataType { get; init; } = torch.ScalarType.Float32;
}
