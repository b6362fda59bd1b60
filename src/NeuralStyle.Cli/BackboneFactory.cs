using NeuralStyle.Features;
using NeuralStyle.ResNet18;
using NeuralStyle.Vgg;
using NeuralStyle.Weights;
using TorchSharp;

namespace NeuralStyle.Cli;

/// <summary>Creates the feature extractor a job asked for.</summary>
internal static class BackboneFactory
{
    /// <summary>Loads the backbone; the caller disposes it.</summary>
    /// <exception cref="FileNotFoundException">Its weights are missing (the message says how to get them).</exception>
    /// <exception cref="InvalidWeightsException">Its weights file is unusable.</exception>
    /// <exception cref="UsageException">An option does not apply to the backbone, or the device is unknown.</exception>
    public static IFeatureExtractor Create(StyleJob job, WeightsCache cache)
    {
        if (job.Backbone == Backbone.ResNet18 && job.Pooling is Vgg19Pooling pooling && pooling != new Vgg19Options().Pooling)
        {
            throw new UsageException("--pooling applies to vgg19: ResNet18 downsamples with strided convolutions (its one stem max-pool is kept).");
        }

        Vgg19Options options = Vgg19Options.For(job.Settings);
        return Create(job.Backbone, job.Weights, job.Device, options with { Pooling = job.Pooling ?? options.Pooling }, cache);
    }

    /// <summary>Loads <paramref name="backbone"/> from <paramref name="weights"/> (default: the embedded model or the download cache) on <paramref name="device"/>.</summary>
    public static IFeatureExtractor Create(Backbone backbone, string? weights, string device, Vgg19Options vgg19, WeightsCache cache)
    {
        torch.Device on = ParseDevice(device);
        return backbone switch
        {
            Backbone.ResNet18 => ResNet18FeatureExtractor.Load(new ResNet18Options { ModelPath = weights, Device = on }),
            Backbone.Vgg19 => Vgg19FeatureExtractor.FromFile(weights ?? Vgg19Weights.Locate(cache), vgg19 with { Device = on }),
            _ => throw new UsageException($"Unknown backbone {backbone}: use resnet18 or vgg19."),
        };
    }

    /// <summary>A description for reports, e.g. <c>ResNet18 (…/ResNet18.onnx)</c>.</summary>
    public static string Describe(IFeatureExtractor extractor, StyleJob job) => Describe(extractor, job.Weights);

    /// <summary>A description for reports and batch records: the network and its weights file.</summary>
    public static string Describe(IFeatureExtractor extractor, string? weights) => extractor switch
    {
        ResNet18FeatureExtractor resnet => $"ResNet18 ({resnet.Source})",
        _ => weights is null ? extractor.Name : $"{extractor.Name} ({weights})",
    };

    internal static torch.Device ParseDevice(string device)
    {
        try
        {
            return new torch.Device(device);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new UsageException($"--device '{device}' is not a torch device: use cpu, cuda or cuda:N.", e);
        }
    }
}
