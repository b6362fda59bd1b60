using NeuralStyle.Features;
using NeuralStyle.ResNet18;
using NeuralStyle.Transfer;
using NeuralStyle.Vgg;
using NeuralStyle.Weights;
using TorchSharp;

namespace NeuralStyle.Cli;

/// <summary>Creates the feature extractor a run asked for.</summary>
internal static class BackboneFactory
{
    /// <summary>Loads the backbone; the caller disposes it.</summary>
    /// <exception cref="FileNotFoundException">Its weights are missing (the message says how to get them).</exception>
    /// <exception cref="InvalidWeightsException">Its weights file is unusable.</exception>
    /// <exception cref="StyleTransferConfigurationException">An option does not apply to the backbone.</exception>
    public static IFeatureExtractor Create(StyleOptions options, torch.Device device, WeightsCache cache) => options.Backbone switch
    {
        Backbone.ResNet18 when options.Pooling is not null and not Vgg19Pooling.Max =>
            throw new StyleTransferConfigurationException(["--pooling applies to vgg19: ResNet18 downsamples with strided convolutions (its one stem max-pool is kept)."]),
        Backbone.ResNet18 => ResNet18FeatureExtractor.Load(new ResNet18Options { ModelPath = options.Weights, Device = device }),
        Backbone.Vgg19 => Vgg19FeatureExtractor.FromFile(options.Weights ?? Vgg19Weights.Locate(cache), new Vgg19Options
        {
            Device = device,
            Preprocessing = options.Preset == StylePreset.KerasExample ? Vgg19Preprocessing.Caffe : Vgg19Preprocessing.Torchvision,
            Pooling = options.Pooling ?? Vgg19Pooling.Max,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Backbone, "Unknown backbone."),
    };

    /// <summary>A description for reports, e.g. <c>ResNet18 (…/ResNet18.onnx)</c>.</summary>
    public static string Describe(IFeatureExtractor extractor, StyleOptions options) => extractor switch
    {
        ResNet18FeatureExtractor resnet => $"ResNet18 ({resnet.Source})",
        _ => options.Weights is null ? extractor.Name : $"{extractor.Name} ({options.Weights})",
    };
}
