using TorchSharp;

namespace NeuralStyle.ResNet18;

/// <summary>Options for <see cref="ResNet18FeatureExtractor"/>.</summary>
public sealed record ResNet18Options
{
    /// <summary>
    /// An explicit path to <c>ResNet18.onnx</c>. When null, <see cref="ResNet18ModelLocator"/>
    /// looks in the <c>NEURALSTYLE_RESNET18_ONNX</c> environment variable and then in the app's
    /// output, where package <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> copies it.
    /// </summary>
    public string? ModelPath { get; init; }

    /// <summary>Where the weights live (default CPU).</summary>
    public torch.Device? Device { get; init; }

    /// <summary>Floating-point type of the weights and features (default float32).</summary>
    public torch.ScalarType DataType { get; init; } = torch.ScalarType.Float32;
}
