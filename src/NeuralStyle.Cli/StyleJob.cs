using NeuralStyle.Configuration;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Stylizing;
using NeuralStyle.Transfer;
using NeuralStyle.Vgg;

namespace NeuralStyle.Cli;

/// <summary>What the style command was asked to do: its files, its backbone, and the library settings its options resolved to.</summary>
internal sealed record StyleJob
{
    /// <summary>The content image.</summary>
    public required string Content { get; init; }

    /// <summary>The style images (files), each with its blend weight and optional mask.</summary>
    public required IReadOnlyList<StyleInput> Styles { get; init; }

    /// <summary>The output image (.png, .jpg or .webp).</summary>
    public required string Output { get; init; }

    /// <summary>Replace an existing output (and snapshot) file; otherwise an existing file is an error.</summary>
    public bool Overwrite { get; init; }

    /// <summary>The transfer's settings: the preset with the given options applied (validated by <c>Build()</c>).</summary>
    public required StyleTransferSettings Settings { get; init; }

    /// <summary>The feature extractor.</summary>
    public required Backbone Backbone { get; init; }

    /// <summary>A weights file (VGG19 .pth/.safetensors, or the ResNet18 .onnx); null uses the default location.</summary>
    public string? Weights { get; init; }

    /// <summary>VGG19's pooling; null keeps <see cref="Vgg19Options"/>' default.</summary>
    public Vgg19Pooling? Pooling { get; init; }

    /// <summary>The torch device, e.g. <c>cpu</c> or <c>cuda:0</c>.</summary>
    public required string Device { get; init; }

    /// <summary>Intra-op CPU threads; null leaves TorchSharp's default.</summary>
    public int? Threads { get; init; }

    /// <summary>Write a numbered snapshot every this many evaluations (0 = none).</summary>
    public int SaveEvery { get; init; }

    /// <summary>Limits for decoding the content, style and mask images.</summary>
    public ImageLoadOptions ImageLimits { get; init; } = ImageLoadOptions.Default;

    /// <summary>How the run reports itself.</summary>
    public required OutputMode Mode { get; init; }

    /// <summary>Every input file: the content, the styles and their masks.</summary>
    public IEnumerable<(string Path, string Role)> Inputs => Styles.SelectMany(s => s.Files).Prepend((Content, "content image"));

    /// <summary>The stylizer of this job's styles and settings with <paramref name="extractor"/> (validated here; the content is given to each call).</summary>
    /// <exception cref="StyleTransferConfigurationException">A setting or style is invalid.</exception>
    public TransferStylizer BuildStylizer(IFeatureExtractor extractor, string extractorIdentity)
    {
        return new StyleTransferBuilder()
            .WithFeatureExtractor(extractor, extractorIdentity)
            .WithSettings(Settings)
            .WithImageLoadOptions(ImageLimits)
            .AddStyles(Styles)
            .BuildStylizer();
    }
}
