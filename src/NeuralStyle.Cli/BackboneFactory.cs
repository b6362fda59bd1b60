using NeuralStyle.Configuration;
using NeuralStyle.Features;
using NeuralStyle.ResNet18;
using NeuralStyle.Runtime;
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

        return Create(job.Backbone, job.Weights, job.Device, Vgg19OptionsFor(job.Settings, job.Pooling), cache);
    }

    /// <summary>The VGG19 a transfer with <paramref name="settings"/> needs (the preprocessing its preset was made for) with the pooling asked (null: the default).</summary>
    public static Vgg19Options Vgg19OptionsFor(StyleTransferSettings settings, Vgg19Pooling? pooling)
    {
        Vgg19Options options = Vgg19Options.For(settings);
        return options with { Pooling = pooling ?? options.Pooling };
    }

    /// <summary>What a transfer with <paramref name="settings"/> needs of a <paramref name="backbone"/> extractor, as a key: transfers with one key can share one extractor.</summary>
    public static string NeedOf(Backbone backbone, StyleTransferSettings settings, Vgg19Pooling? pooling) =>
        backbone == Backbone.ResNet18 ? "resnet18" : $"vgg19 {Vgg19OptionsFor(settings, pooling)}";

    /// <summary>Loads <paramref name="backbone"/> from <paramref name="weights"/> (default: the embedded model or the download cache) on <paramref name="device"/>.</summary>
    public static IFeatureExtractor Create(Backbone backbone, string? weights, string device, Vgg19Options vgg19, WeightsCache cache)
    {
        torch.Device on = ParseDevice(device);
        return backbone switch
        {
            Backbone.ResNet18 => ResNet18FeatureExtractor.Load(new ResNet18Options { ModelPath = weights, Device = on }),
            Backbone.Vgg19 => Vgg19FeatureExtractor.FromFile(weights ?? LocateVgg19(cache), vgg19 with { Device = on }),
            _ => throw new UsageException($"Unknown backbone {backbone}: use resnet18 or vgg19."),
        };
    }

    /// <summary>The cached VGG19 weights; when they are missing, the library's message plus the command that downloads them.</summary>
    internal static string LocateVgg19(WeightsCache cache)
    {
        try
        {
            return Vgg19Weights.Locate(cache);
        }
        catch (FileNotFoundException missing)
        {
            throw new FileNotFoundException($"{missing.Message} From the command line: `neural-style weights download vgg19`.", missing.FileName, missing);
        }
    }

    /// <summary>A description for reports, e.g. <c>ResNet18 (…/ResNet18.onnx)</c>.</summary>
    public static string Describe(IFeatureExtractor extractor, StyleJob job) => Describe(extractor, job.Weights);

    /// <summary>A description for reports and batch records: the network and its weights file.</summary>
    public static string Describe(IFeatureExtractor extractor, string? weights) => extractor switch
    {
        ResNet18FeatureExtractor resnet => $"ResNet18 ({resnet.Source})",
        _ => weights is null ? extractor.Name : $"{extractor.Name} ({weights})",
    };

    internal static torch.Device ParseDevice(string device) =>
        TorchDevices.TryParse(device, out torch.Device? parsed, out string? problem) ? parsed : throw new UsageException($"--device {problem}");
}
