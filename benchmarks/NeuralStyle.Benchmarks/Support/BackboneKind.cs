namespace NeuralStyle.Benchmarks.Support;

/// <summary>The backbones the benchmarks compare.</summary>
public enum BackboneKind
{
    /// <summary>VGG19 to relu5_1 (random weights: timing does not depend on their values).</summary>
    Vgg19,

    /// <summary>The embedded pretrained ResNet18, to stage 4.</summary>
    ResNet18,
}
