using System.CommandLine;
using NeuralStyle.Runtime;
using NeuralStyle.Vgg;

namespace NeuralStyle.Cli;

/// <summary>The options that choose the feature extractor and its device, declared once for the style, batch and train commands.</summary>
internal sealed class BackboneOptions
{
    public Option<Backbone> Backbone { get; } = new("--backbone", "-b")
    {
        Description = "Feature network: resnet18 (embedded, offline) or vgg19 (downloaded; built with the preprocessing the preset needs).",
        DefaultValueFactory = _ => Cli.Backbone.ResNet18,
        HelpName = "resnet18|vgg19",
    };

    public Option<string?> Weights { get; } = new("--weights", "-w") { Description = "Weights file: VGG19 .pth/.safetensors (default: the download cache) or ResNet18 .onnx." };

    public Option<Vgg19Pooling?> Pooling { get; } = new("--pooling")
    {
        Description = $"VGG19 pooling (scaled-average: average x{Vgg19FeatureExtractor.AverageMagnitudeCorrection}). [default: {Options.Choices.Kebab(new Vgg19Options().Pooling.ToString())}]",
        CustomParser = r => Options.Choices.Parser<Vgg19Pooling>("--pooling")(r),
        HelpName = Options.Choices.HelpName(typeof(Vgg19Pooling)),
    };

    public Option<string> Device { get; } = new("--device") { Description = $"Torch device: {TorchDevices.DefaultName} (default), cuda[:N] with a CUDA build of libtorch, or mps on Apple silicon.", DefaultValueFactory = _ => TorchDevices.DefaultName };

    /// <summary>The options, in help order.</summary>
    public IEnumerable<Option> All => [Backbone, Weights, Pooling, Device];
}
