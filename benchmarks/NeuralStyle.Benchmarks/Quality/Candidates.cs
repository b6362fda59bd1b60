using NeuralStyle.Configuration;
using NeuralStyle.Losses;
using NeuralStyle.Transfer;

namespace NeuralStyle.Benchmarks.Quality;

/// <summary>
/// The configurations the quality benchmark can compare on the embedded ResNet18, by name
/// (<c>--configs a,b</c>): today's default and the candidates tried for a better one.
/// </summary>
internal static class Candidates
{
    /// <summary>Style-weight multipliers of the raw-weight configurations, weakest first; 1 is the configuration itself.</summary>
    private static readonly double[] WeightSweep = [0.25, 1, 4, 16];

    /// <summary>Strengths of the strength-swept configurations, weakest first.</summary>
    private static readonly double[] StrengthSweep = [0, 0.25, 0.5, 0.75, 1];

    private static readonly string[] StyleLayers = ["stem", "layer1.0.relu", "stage1", "layer2.0.relu", "stage2", "layer3.0.relu", "stage3", "layer4.0.relu", "stage4"];

    /// <summary>Every configuration, the reference (the Default preset before this benchmark) first.</summary>
    public static IReadOnlyList<QualityConfiguration> All { get; } =
    [
        new("before", "the Default preset as it was: from the photo, content on layer3.0, relative losses weighted 1 / 10 / 10 on ResNet18's recommended style layers, L-BFGS, 300 evaluations; swept by the style weight (× 0.25 to 16)", WeightSweep, 1,
            (b, multiplier) => b.UsePreset(StylePreset.Default).WithStyleStrength(1).WithInit(InitMode.Content).WithContentLayer("layer3.0").WithWeights(1, 10 * multiplier, 10)),
        Strength("after", "the Default preset now: from the photo in the painting's palette, swept by the strength", b => b),
        Strength("after+layer3.0", "after, content on layer3.0", b => b.WithContentLayer("layer3.0")),
        Strength("after+stage2", "after, content on stage2", b => b.WithContentLayer("stage2")),
        Strength("after+shallow", "after, style layers weighted 16 / 8 / 4 / 2 / 1 from the stem to stage 4", b => b.WithStyleLayers(Shallow(2))),
        Strength("after+scale0.7", "after, the painting at 0.7 of the output's size (larger strokes)", b => b.WithStyleScale(0.7)),
        Raw("palette", "before, starting from the photo recoloured to the painting's palette", b => b.WithInit(InitMode.ContentInStylePalette)),
        Raw("palette+shallow", "palette, style layers weighted 16 / 8 / 4 / 2 / 1 from the stem to stage 4", b => b.WithInit(InitMode.ContentInStylePalette).WithStyleLayers(Shallow(2))),
        Raw("palette+stage2", "palette, content on stage2 (shallower than layer3.0)", b => b.WithInit(InitMode.ContentInStylePalette).WithContentLayer("stage2")),
        Raw("palette+stage3", "palette, content on stage3 (layer3.1)", b => b.WithInit(InitMode.ContentInStylePalette).WithContentLayer("stage3")),
        Raw("palette+mean-cov", "palette, matching the features' mean and covariance", b => b.WithInit(InitMode.ContentInStylePalette).WithStyleLoss(StyleLossKind.MeanCovariance)),
        Raw("palette+scale0.5", "palette, the painting at half the output's size (strokes twice as large)", b => b.WithInit(InitMode.ContentInStylePalette).WithStyleScale(0.5)),
    ];

    /// <summary>The configurations named in <paramref name="names"/> (comma-separated), or all.</summary>
    public static IReadOnlyList<QualityConfiguration> Select(string? names) =>
        names is null
            ? All
            : names.Split(',').Select(n => All.FirstOrDefault(c => c.Name == n.Trim())
                ?? throw new ArgumentException($"Unknown configuration '{n}': use {string.Join(", ", All.Select(c => c.Name))}.")).ToArray();

    /// <summary>A raw-weight variant of <c>before</c> changed by <paramref name="change"/>, its style weight times the swept multiplier.</summary>
    private static QualityConfiguration Raw(string name, string description, Func<StyleTransferBuilder, StyleTransferBuilder> change) =>
        new(name, description, WeightSweep, 1, (builder, multiplier) => change(All[0].Configure(builder, multiplier)));

    /// <summary>The Default preset changed by <paramref name="change"/>, at the swept strength (nominal: the recommended one).</summary>
    private static QualityConfiguration Strength(string name, string description, Func<StyleTransferBuilder, StyleTransferBuilder> change) =>
        new(name, description, StrengthSweep, StrengthCurve.Recommended, (builder, strength) => change(builder.UsePreset(StylePreset.Default)).WithStyleStrength(strength));

    /// <summary>The style layers with weights falling by <paramref name="ratio"/> per stage from the stem (stem, stage 1, ..., stage 4).</summary>
    private static LayerChoice[] Shallow(double ratio)
    {
        double[] stage = [.. StyleLayers.Select(Stage)];
        double[] weights = stage.Select(s => Math.Pow(ratio, -s)).ToArray();
        double total = weights.Sum();
        return StyleLayers.Select((layer, i) => new LayerChoice(layer, weights[i] / total * StyleLayers.Length / 9.0)).ToArray();
    }

    private static int Stage(string layer) => layer == "stem" ? 0 : layer[5] - '0';
}
