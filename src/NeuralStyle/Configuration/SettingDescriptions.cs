using System.Globalization;
using System.Text;
using NeuralStyle.Optimization;

namespace NeuralStyle.Configuration;

/// <summary>
/// The transfer's settings, each described once (<see cref="SettingDescription"/>): keys, API
/// names, help, defaults read from <see cref="StyleTransferSettings.Default"/>, and the values
/// accepted, which validation checks. Hosts build their options, manifest keys and messages from
/// these; fast-style packages reuse them where a setting means the same.
/// </summary>
public static class SettingDescriptions
{
    private static StyleTransferSettings Defaults => StyleTransferSettings.Default;

    /// <summary>The <see cref="StylePreset"/> whose settings a host starts from, before the other settings given change them.</summary>
    public static SettingDescription Preset { get; } = new()
    {
        Setting = Setting.Preset,
        Key = "preset",
        Name = "StylePreset",
        Help = "Starting settings: " + string.Join("; ", StylePreset.All.Select(p => $"{p.Aliases[0]} ({p.Summary})")) + ". The other settings change them.",
        Default = StylePreset.Default.Aliases[0],
        Values = string.Join(", ", StylePreset.All.Select(p => p.Aliases[0])),
    };

    /// <summary><see cref="ImageSettings.Size"/>: the result's longest side.</summary>
    public static SettingDescription Size { get; } = new()
    {
        Setting = Setting.Size,
        Key = "size",
        Name = "ImageSettings.Size",
        Help = "Longest side of the result in pixels (a preset may fix the height instead).",
        Default = Text(Defaults.Image.Size.Pixels),
        Range = new(ImageSettings.MinimumSize, ImageSettings.MaximumSize, Whole: true),
        Fix = "Give the longest side (or height) of the result in pixels.",
    };

    /// <summary><see cref="OptimizationSettings.Evaluations"/>.</summary>
    public static SettingDescription Evaluations { get; } = new()
    {
        Setting = Setting.Evaluations,
        Key = "iterations",
        Aliases = ["evaluations"],
        Name = "OptimizationSettings.Evaluations",
        Help = "Evaluations (forward+backward passes, line-search trials included) to spend.",
        Default = Text(Defaults.Optimization.Evaluations),
        Range = new(1, Whole: true),
        Fix = $"Give a positive evaluation budget ({Text(Defaults.Optimization.Evaluations)} is the default).",
    };

    /// <summary><see cref="ObjectiveSettings.StyleStrength"/>.</summary>
    public static SettingDescription StyleStrength { get; } = new()
    {
        Setting = Setting.StyleStrength,
        Key = "strength",
        Name = "ObjectiveSettings.StyleStrength",
        Help = "How much style: 0 is the photo, 1 as much as the method gives while the scene is still there (scales the style and smoothness weights).",
        Default = Text(Defaults.Objective.StyleStrength),
        Range = new(0, 1),
        Fix = $"The recommended strength is {Text(StrengthCurve.Recommended)}; for the raw weights exactly, use 1.",
    };

    /// <summary><see cref="ObjectiveSettings.ContentWeight"/>.</summary>
    public static SettingDescription ContentWeight { get; } = Weight(Setting.ContentWeight, "content-weight", "ContentWeight", "Weight of the content loss.", Defaults.Objective.ContentWeight);

    /// <summary><see cref="ObjectiveSettings.StyleWeight"/>.</summary>
    public static SettingDescription StyleWeight { get; } = Weight(
        Setting.StyleWeight, "style-weight", "StyleWeight", "Weight of the style loss at strength 1 (experts: strength 1 applies the weights as given).", Defaults.Objective.StyleWeight);

    /// <summary><see cref="ObjectiveSettings.TotalVariationWeight"/>.</summary>
    public static SettingDescription TotalVariationWeight { get; } = Weight(
        Setting.TotalVariationWeight, "tv-weight", "TotalVariationWeight", "Weight of the total variation (smoothness) loss at strength 1.", Defaults.Objective.TotalVariationWeight);

    /// <summary><see cref="OptimizationSettings.Optimizer"/>'s kind.</summary>
    public static SettingDescription Optimizer { get; } = new()
    {
        Setting = Setting.Optimizer,
        Key = "optimizer",
        Name = "OptimizationSettings.Optimizer",
        Help = "The pixel optimiser; another kind than the preset's starts from that kind's defaults.",
        Default = KebabCase(Defaults.Optimization.Optimizer.Kind.ToString()),
        Values = Names<OptimizerKind>(),
    };

    /// <summary><see cref="OptimizerSettings.LearningRate"/> of the optimiser in force.</summary>
    public static SettingDescription LearningRate { get; } = new()
    {
        Setting = Setting.LearningRate,
        Key = "learning-rate",
        Aliases = ["lr"],
        Name = "OptimizerSettings.LearningRate",
        Help = "Step size of the optimiser (for L-BFGS, the first trial step of each line search).",
        Default = string.Join(", ", Enum.GetValues<OptimizerKind>().Select(k => $"{KebabCase(k.ToString())} {Text(OptimizerSettings.For(k).LearningRate)}")),
        Range = new(0, MinimumExcluded: true),
        Fix = "Use a positive step size; each optimiser's default is OptimizerSettings.For(kind)'s.",
    };

    /// <summary><see cref="OptimizerSettings.AverageDecay"/>.</summary>
    public static SettingDescription AverageDecay { get; } = new()
    {
        Setting = Setting.AverageDecay,
        Key = "average-decay",
        Name = "OptimizerSettings.AverageDecay",
        Help = "Adam: return a moving average of the iterates with this decay (e.g. 0.95; 0 = the last iterate).",
        Default = Text(Defaults.Optimization.Optimizer.AverageDecay),
        Range = new(0, 1, MaximumExcluded: true),
        Fix = "0.9 to 0.99 suits most runs; 0 turns the average off.",
    };

    /// <summary><see cref="OptimizationSettings.Init"/>.</summary>
    public static SettingDescription Init { get; } = new()
    {
        Setting = Setting.Init,
        Key = "init",
        Name = "OptimizationSettings.Init",
        Help = "What the image starts from.",
        Default = KebabCase(Defaults.Optimization.Init.ToString()),
        Values = Names<InitMode>(),
    };

    /// <summary><see cref="OptimizationSettings.Seed"/>.</summary>
    public static SettingDescription Seed { get; } = new()
    {
        Setting = Setting.Seed,
        Key = "seed",
        Name = "OptimizationSettings.Seed",
        Help = "Seed for the noise of init noise.",
        Default = Text(Defaults.Optimization.Seed),
        Values = "a whole number",
    };

    /// <summary><see cref="ImageSettings.ColorPreservation"/> as <see cref="ColorPreservation.LuminanceOnly"/>.</summary>
    public static SettingDescription PreserveColors { get; } = Flag(
        Setting.ColorPreservation, "preserve-colors", "ImageSettings.ColorPreservation", "Keep the photo's colours: only luminance (brush strokes, texture) comes from the style.", nameof(ColorPreservation.LuminanceOnly));

    /// <summary><see cref="ImageSettings.ColorPreservation"/> as <see cref="ColorPreservation.ColorMatching"/>.</summary>
    public static SettingDescription ColorMatch { get; } = Flag(
        Setting.ColorPreservation, "color-match", "ImageSettings.ColorPreservation", "Recolour the style images to the photo's colour mean and covariance before styling (keeps the photo's palette).", nameof(ColorPreservation.ColorMatching));

    /// <summary><see cref="ImageSettings.StyleScale"/>.</summary>
    public static SettingDescription StyleScale { get; } = new()
    {
        Setting = Setting.StyleScale,
        Key = "style-scale",
        Name = "ImageSettings.StyleScale",
        Help = "Style image size relative to the output (0.5 = strokes twice as large, 2 = finer).",
        Default = Text(Defaults.Image.StyleScale),
        Range = new(0, ImageSettings.MaximumStyleScale, MinimumExcluded: true),
        Fix = "Use 1 for the output's size, 0.5 for strokes twice as large, 2 for finer ones.",
    };

    /// <summary><see cref="ObjectiveSettings.StyleLoss"/>.</summary>
    public static SettingDescription StyleLoss { get; } = new()
    {
        Setting = Setting.StyleLoss,
        Key = "style-loss",
        Name = "ObjectiveSettings.StyleLoss",
        Help = "Style statistic (Gram matrices, channel mean and covariance, or the Wasserstein-2 distance).",
        Default = KebabCase(Defaults.Objective.StyleLoss.ToString()),
        Values = Names<Losses.StyleLossKind>() + " (mean-cov for short)",
    };

    /// <summary><see cref="ObjectiveSettings.NormalizeGradients"/>.</summary>
    public static SettingDescription NormalizeGradients { get; } = Flag(
        Setting.NormalizeGradients, "normalize-gradients", "ObjectiveSettings.NormalizeGradients", "Divide each layer's gradient by its L1 norm (needs the adam or sgd optimizer).");

    /// <summary><see cref="OptimizationSettings.MultiScale"/> on.</summary>
    public static SettingDescription MultiScale { get; } = Flag(
        Setting.MultiScale, "multi-scale", "OptimizationSettings.MultiScale", "Optimise coarse to fine: from min-size up to size, each scale the previous one's side times the ladder's factor.", "new MultiScaleSettings()");

    /// <summary><see cref="MultiScaleSettings.SmallestSide"/>.</summary>
    public static SettingDescription MultiScaleSmallestSide { get; } = new()
    {
        Setting = Setting.MultiScaleSmallestSide,
        Key = "min-size",
        Name = "MultiScaleSettings.SmallestSide",
        Help = "Longest side of the first multi-scale scale.",
        Default = Text(new MultiScaleSettings().SmallestSide),
        Range = new(MultiScaleSettings.MinimumSmallestSide, Whole: true),
        Fix = $"Start the ladder at {Text(new MultiScaleSettings().SmallestSide)} px (the default) or more.",
    };

    /// <summary><see cref="MultiScaleSettings.CoarseEvaluations"/>.</summary>
    public static SettingDescription MultiScaleCoarseEvaluations { get; } = new()
    {
        Setting = Setting.MultiScaleCoarseEvaluations,
        Key = "scale-iterations",
        Aliases = ["scale-evaluations"],
        Name = "MultiScaleSettings.CoarseEvaluations",
        Help = "Evaluations at each multi-scale scale before the last.",
        Default = "the iterations",
        Range = new(1, Whole: true),
        Fix = "Leave it unset to give every scale the output scale's budget.",
    };

    /// <summary><see cref="TilingSettings.TileSize"/>.</summary>
    public static SettingDescription TileSize { get; } = new()
    {
        Setting = Setting.TileSize,
        Key = "tile-size",
        Name = "TilingSettings.TileSize",
        Help = $"Evaluate the network in overlapping tiles whose core has this many pixels a side (bounds memory for large outputs, e.g. {Text(new TilingSettings().TileSize)}).",
        Default = "none (whole images)",
        Range = new(TilingSettings.MinimumTileSize, Whole: true),
        Fix = $"Use {Text(new TilingSettings().TileSize)} or the largest tile that fits in memory.",
    };

    /// <summary><see cref="TilingSettings.Halo"/>.</summary>
    public static SettingDescription TileHalo { get; } = new()
    {
        Setting = Setting.TileHalo,
        Key = "tile-halo",
        Name = "TilingSettings.Halo",
        Help = "Context pixels around each tile's core, also the cross-fade width.",
        Default = Text(new TilingSettings().Halo),
        Range = new(0, Whole: true),
        Fix = $"Keep the default {Text(new TilingSettings().Halo)} px or more for seamless deep layers.",
    };

    /// <summary>A style image's blend weight.</summary>
    public static SettingDescription StyleBlendWeight { get; } = new()
    {
        Setting = Setting.StyleBlendWeight,
        Key = "style-blend",
        Name = "StyleInput.Weight",
        Help = "Blend weight of each style image, in order (e.g. 0.7 0.3).",
        Default = "1 each",
        Range = new(0, MinimumExcluded: true),
        Fix = "Weights are relative: 1 for each style blends them equally.",
    };

    /// <summary>A style image's mask (<see cref="NeuralStyle.Transfer.StyleInput.Mask"/>): a path per style image, relative paths as the host resolves them.</summary>
    public static SettingDescription StyleMask { get; } = new()
    {
        Setting = Setting.StyleMask,
        Key = "style-mask",
        Name = "StyleInput.Mask",
        Help = "A grayscale mask per style image, in order: each style applies where its mask is white.",
        Default = "none (each style everywhere)",
        Values = "an image's path per style image",
        Fix = "Give one mask per style image, or none.",
    };

    /// <summary><see cref="NeuralStyle.Transfer.RunReporting.SnapshotEvery"/>: a run's cadence, not a setting of the result (a batch takes none).</summary>
    public static SettingDescription SnapshotEvery { get; } = new()
    {
        Setting = Setting.SnapshotEvery,
        Key = "save-every",
        Name = "RunReporting.SnapshotEvery",
        Help = "A snapshot every N evaluations (0 = none); the command writes each beside the output as OUTPUT.NNNN.ext.",
        Default = Text(0),
        Range = new(0, Whole: true),
        Fix = "Take a snapshot every N evaluations with N > 0, or none with 0.",
    };

    /// <summary>The transfer's settings hosts expose, in the order the command line lists them.</summary>
    public static IReadOnlyList<SettingDescription> Transfer { get; } =
    [
        Size, Evaluations, StyleStrength, ContentWeight, StyleWeight, TotalVariationWeight, Optimizer, LearningRate, AverageDecay, Init, Seed,
        PreserveColors, ColorMatch, StyleScale, StyleLoss, NormalizeGradients, MultiScale, MultiScaleSmallestSide, MultiScaleCoarseEvaluations, TileSize, TileHalo,
    ];

    /// <summary>A name in kebab case, as keys and enum values are written for hosts: <c>MeanCovariance</c> is <c>mean-covariance</c>.</summary>
    public static string KebabCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsDigit(name[i - 1]))
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    /// <summary>A number as every host shows it (invariant culture).</summary>
    public static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Names<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetNames<TEnum>().Select(KebabCase));

    private static SettingDescription Weight(Setting setting, string key, string property, string help, double defaultValue) => new()
    {
        Setting = setting,
        Key = key,
        Name = "ObjectiveSettings." + property,
        Help = help,
        Default = Text(defaultValue),
        Range = new(0),
        Fix = "Use 0 to turn the term off.",
    };

    /// <summary>A flag: given (true), it sets <paramref name="name"/> to <paramref name="value"/>, or to true when null.</summary>
    private static SettingDescription Flag(Setting setting, string key, string name, string help, string? value = null) => new()
    {
        Setting = setting,
        Key = key,
        Name = name,
        Help = help,
        Default = "off",
        Values = value is null ? "a flag (true or false)" : $"a flag (true or false): true sets {value}",
    };
}
