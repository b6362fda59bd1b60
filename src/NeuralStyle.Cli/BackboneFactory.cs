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
        torch.Device device = ParseDevice(job.Device);
        return job.Backbone switch
        {
            Backbone.ResNet18 when job.Pooling is Vgg19Pooling pooling && pooling != new Vgg19Options().Pooling =>
                throw new UsageException("--pooling applies to vgg19: ResNet18 downsamples with strided convolutions (its one stem max-pool is kept)."),
            Backbone.ResNet18 => ResNet18FeatureExtractor.Load(new ResNet18Options { ModelPath = job.Weights, Device = device }),
            Backbone.Vgg19 => LoadVgg19(job, device, cache),
            _ => throw new UsageException($"Unknown backbone {job.Backbone}: use resnet18 or vgg19."),
        };
    }

    /// <summary>VGG19 with the preprocessing the job's settings need (Caffe for the Keras preset) and the job's pooling.</summary>
    private static Vgg19FeatureExtractor LoadVgg19(StyleJob job, torch.Device device, WeightsCache cache)
    {
        Vgg19Options options = Vgg19Options.For(job.Settings);
        return Vgg19FeatureExtractor.FromFile(
            job.Weights ?? Vgg19Weights.Locate(cache),
            options with { Device = device, Pooling = job.Pooling ?? options.Pooling });
    }

    /// <summary>A description for reports, e.g. <c>ResNet18 (…/ResNet18.onnx)</c>.</summary>
    public static string Describe(IFeatureExtractor extractor, StyleJob job) => extractor switch
    {
        ResNet18FeatureExtractor resnet => $"ResNet18 ({resnet.Source})",
        _ => job.Weights is null ? extractor.Name : $"{extractor.Name} ({job.Weights})",
    };

    private static torch.Device ParseDevice(string device)
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
