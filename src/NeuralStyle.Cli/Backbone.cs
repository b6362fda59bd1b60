namespace NeuralStyle.Cli;

/// <summary>The feature extractor a run uses.</summary>
internal enum Backbone
{
    /// <summary>The pretrained ResNet18 shipped with the tool (offline; the default).</summary>
    ResNet18,

    /// <summary>torchvision's VGG19 (weights from <c>--weights</c> or the download cache).</summary>
    Vgg19,
}
