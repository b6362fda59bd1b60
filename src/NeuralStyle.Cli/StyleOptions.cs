using NeuralStyle.Losses;
using NeuralStyle.Optimization;
using NeuralStyle.Transfer;
using NeuralStyle.Vgg;

namespace NeuralStyle.Cli;

/// <summary>Everything the style command was asked to do, typed.</summary>
internal sealed record StyleOptions
{
    /// <summary>The content image.</summary>
    public required string Content { get; init; }

    /// <summary>The style images.</summary>
    public required IReadOnlyList<string> Styles { get; init; }

    /// <summary>The output image (.png, .jpg or .webp).</summary>
    public required string Output { get; init; }

    /// <summary>Longest side of the output in pixels; null keeps the preset's size.</summary>
    public int? Size { get; init; }

    /// <summary>The feature extractor.</summary>
    public Backbone Backbone { get; init; } = Backbone.ResNet18;

    /// <summary>A weights file (VGG19 .pth/.safetensors, or the ResNet18 .onnx); null uses the default location.</summary>
    public string? Weights { get; init; }

    /// <summary>The preset the other options start from.</summary>
    public StylePreset Preset { get; init; } = StylePreset.Default;

    /// <summary>Evaluation budget; null keeps the preset's.</summary>
    public int? Iterations { get; init; }

    /// <summary>Content weight; null keeps the preset's.</summary>
    public double? ContentWeight { get; init; }

    /// <summary>Style weight; null keeps the preset's.</summary>
    public double? StyleWeight { get; init; }

    /// <summary>Total variation weight; null keeps the preset's.</summary>
    public double? TotalVariationWeight { get; init; }

    /// <summary>Blend weight of each style image (same count as <see cref="Styles"/>); null weighs them equally.</summary>
    public IReadOnlyList<double>? StyleBlend { get; init; }

    /// <summary>The optimiser; null keeps the preset's.</summary>
    public OptimizerKind? Optimizer { get; init; }

    /// <summary>Learning rate for Adam or SGD; null uses the optimiser's default.</summary>
    public double? LearningRate { get; init; }

    /// <summary>Initial image; null keeps the preset's.</summary>
    public InitMode? Init { get; init; }

    /// <summary>Keep the content's colours (luminance-only transfer).</summary>
    public bool PreserveColors { get; init; }

    /// <summary>Recolour the styles to the content's colour statistics first.</summary>
    public bool ColorMatch { get; init; }

    /// <summary>Style size relative to the output; null keeps 1.</summary>
    public double? StyleScale { get; init; }

    /// <summary>A mask file per style image (same count as <see cref="Styles"/>); null styles the whole image.</summary>
    public IReadOnlyList<string>? StyleMasks { get; init; }

    /// <summary>The style statistic; null keeps the preset's.</summary>
    public StyleLossKind? StyleLoss { get; init; }

    /// <summary>Normalise each layer's gradient.</summary>
    public bool NormalizeGradients { get; init; }

    /// <summary>Coarse-to-fine ladder; null runs one scale.</summary>
    public MultiScaleSettings? MultiScale { get; init; }

    /// <summary>Tiled evaluation (<c>--tile-size</c>, <c>--tile-halo</c>); null evaluates whole images.</summary>
    public TilingSettings? Tiling { get; init; }

    /// <summary>Adam's iterate-average decay; null keeps 0 (off).</summary>
    public double? AverageDecay { get; init; }

    /// <summary>VGG19 pooling; null keeps max.</summary>
    public Vgg19Pooling? Pooling { get; init; }

    /// <summary>Seed for noise initialisation.</summary>
    public long Seed { get; init; }

    /// <summary>Intra-op CPU threads; null leaves TorchSharp's default.</summary>
    public int? Threads { get; init; }

    /// <summary>Write a numbered snapshot every this many evaluations (0 = none).</summary>
    public int SaveEvery { get; init; }

    /// <summary>The torch device, e.g. <c>cpu</c> or <c>cuda:0</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Replace an existing output (and snapshot) file; otherwise an existing file is an error.</summary>
    public bool Overwrite { get; init; }

    /// <summary>How the run reports itself.</summary>
    public OutputMode Mode { get; init; } = OutputMode.Auto;
}
