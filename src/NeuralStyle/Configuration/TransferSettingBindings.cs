using System.Globalization;
using NeuralStyle.Imaging;
using NeuralStyle.Losses;
using NeuralStyle.Optimization;

namespace NeuralStyle.Configuration;

/// <summary>
/// The transfer's settings a host sets by key (<see cref="SettingDescriptions.Transfer"/>), each
/// bound to the part of <see cref="StyleTransferSettings"/> it changes, and the rules between them.
/// The command line's options and a batch manifest's keys both go through these: start from a
/// preset's settings, apply what was given in the order of <see cref="All"/>, and <c>Build()</c>
/// validates the values.
/// </summary>
public static class TransferSettingBindings
{
    /// <summary><see cref="SettingDescriptions.Size"/>: the result's longest side.</summary>
    public static SettingBinding<StyleTransferSettings, int> Size { get; } = new(SettingDescriptions.Size, (s, v) => s.WithImage(i => i with { Size = OutputSize.LongestSide(v) }));

    /// <summary><see cref="SettingDescriptions.Evaluations"/>.</summary>
    public static SettingBinding<StyleTransferSettings, int> Evaluations { get; } = new(SettingDescriptions.Evaluations, (s, v) => s.WithOptimization(o => o with { Evaluations = v }));

    /// <summary><see cref="SettingDescriptions.StyleStrength"/>.</summary>
    public static SettingBinding<StyleTransferSettings, double> StyleStrength { get; } = new(SettingDescriptions.StyleStrength, (s, v) => s.WithObjective(o => o with { StyleStrength = v }));

    /// <summary><see cref="SettingDescriptions.ContentWeight"/>.</summary>
    public static SettingBinding<StyleTransferSettings, double> ContentWeight { get; } = new(SettingDescriptions.ContentWeight, (s, v) => s.WithObjective(o => o with { ContentWeight = v }));

    /// <summary><see cref="SettingDescriptions.StyleWeight"/>.</summary>
    public static SettingBinding<StyleTransferSettings, double> StyleWeight { get; } = new(SettingDescriptions.StyleWeight, (s, v) => s.WithObjective(o => o with { StyleWeight = v }));

    /// <summary><see cref="SettingDescriptions.TotalVariationWeight"/>.</summary>
    public static SettingBinding<StyleTransferSettings, double> TotalVariationWeight { get; } =
        new(SettingDescriptions.TotalVariationWeight, (s, v) => s.WithObjective(o => o with { TotalVariationWeight = v }));

    /// <summary><see cref="SettingDescriptions.Optimizer"/>: another kind than the settings' starts from that kind's defaults.</summary>
    public static SettingBinding<StyleTransferSettings, OptimizerKind> Optimizer { get; } = new(
        SettingDescriptions.Optimizer,
        (s, kind) => s.WithOptimization(o => o with { Optimizer = o.Optimizer.Kind == kind ? o.Optimizer : OptimizerSettings.For(kind) }));

    /// <summary><see cref="SettingDescriptions.LearningRate"/>, of the optimiser in force (so it applies after <see cref="Optimizer"/>).</summary>
    public static SettingBinding<StyleTransferSettings, double> LearningRate { get; } =
        new(SettingDescriptions.LearningRate, (s, v) => s.WithOptimization(o => o with { Optimizer = o.Optimizer with { LearningRate = v } }));

    /// <summary><see cref="SettingDescriptions.AverageDecay"/>.</summary>
    public static SettingBinding<StyleTransferSettings, double> AverageDecay { get; } =
        new(SettingDescriptions.AverageDecay, (s, v) => s.WithOptimization(o => o with { Optimizer = o.Optimizer with { AverageDecay = v } }));

    /// <summary><see cref="SettingDescriptions.Init"/>.</summary>
    public static SettingBinding<StyleTransferSettings, InitMode> Init { get; } = new(SettingDescriptions.Init, (s, v) => s.WithOptimization(o => o with { Init = v }));

    /// <summary><see cref="SettingDescriptions.Seed"/>.</summary>
    public static SettingBinding<StyleTransferSettings, long> Seed { get; } = new(SettingDescriptions.Seed, (s, v) => s.WithOptimization(o => o with { Seed = v }));

    /// <summary><see cref="SettingDescriptions.PreserveColors"/>: luminance only.</summary>
    public static SettingBinding<StyleTransferSettings, bool> PreserveColors { get; } =
        SettingBinding<StyleTransferSettings>.Flag(SettingDescriptions.PreserveColors, s => s.WithImage(i => i with { ColorPreservation = ColorPreservation.LuminanceOnly }));

    /// <summary><see cref="SettingDescriptions.ColorMatch"/>: the styles recoloured to the photo's.</summary>
    public static SettingBinding<StyleTransferSettings, bool> ColorMatch { get; } =
        SettingBinding<StyleTransferSettings>.Flag(SettingDescriptions.ColorMatch, s => s.WithImage(i => i with { ColorPreservation = ColorPreservation.ColorMatching }));

    /// <summary><see cref="SettingDescriptions.StyleScale"/>.</summary>
    public static SettingBinding<StyleTransferSettings, double> StyleScale { get; } = new(SettingDescriptions.StyleScale, (s, v) => s.WithImage(i => i with { StyleScale = v }));

    /// <summary><see cref="SettingDescriptions.StyleLoss"/> (<c>mean-cov</c> for short).</summary>
    public static SettingBinding<StyleTransferSettings, StyleLossKind> StyleLoss { get; } = new(
        SettingDescriptions.StyleLoss,
        (s, v) => s.WithObjective(o => o with { StyleLoss = v }),
        new Dictionary<string, StyleLossKind> { ["mean-cov"] = StyleLossKind.MeanCovariance });

    /// <summary><see cref="SettingDescriptions.NormalizeGradients"/>.</summary>
    public static SettingBinding<StyleTransferSettings, bool> NormalizeGradients { get; } =
        SettingBinding<StyleTransferSettings>.Flag(SettingDescriptions.NormalizeGradients, s => s.WithObjective(o => o with { NormalizeGradients = true }));

    /// <summary><see cref="SettingDescriptions.MultiScale"/>: on, with the default ladder unless changed.</summary>
    public static SettingBinding<StyleTransferSettings, bool> MultiScale { get; } =
        SettingBinding<StyleTransferSettings>.Flag(SettingDescriptions.MultiScale, s => WithMultiScale(s, m => m));

    /// <summary><see cref="SettingDescriptions.MultiScaleSmallestSide"/> (needs <see cref="MultiScale"/>).</summary>
    public static SettingBinding<StyleTransferSettings, int> MultiScaleSmallestSide { get; } =
        new(SettingDescriptions.MultiScaleSmallestSide, (s, v) => WithMultiScale(s, m => m with { SmallestSide = v }));

    /// <summary><see cref="SettingDescriptions.MultiScaleCoarseEvaluations"/> (needs <see cref="MultiScale"/>).</summary>
    public static SettingBinding<StyleTransferSettings, int> MultiScaleCoarseEvaluations { get; } =
        new(SettingDescriptions.MultiScaleCoarseEvaluations, (s, v) => WithMultiScale(s, m => m with { CoarseEvaluations = v }));

    /// <summary><see cref="SettingDescriptions.TileSize"/>: tiled evaluation on.</summary>
    public static SettingBinding<StyleTransferSettings, int> TileSize { get; } = new(SettingDescriptions.TileSize, (s, v) => WithTiling(s, t => t with { TileSize = v }));

    /// <summary><see cref="SettingDescriptions.TileHalo"/> (needs <see cref="TileSize"/>).</summary>
    public static SettingBinding<StyleTransferSettings, int> TileHalo { get; } = new(SettingDescriptions.TileHalo, (s, v) => WithTiling(s, t => t with { Halo = v }));

    /// <summary>Every binding, in the order values are applied (an optimiser's kind before its learning rate), as <see cref="SettingDescriptions.Transfer"/> lists them.</summary>
    public static IReadOnlyList<SettingBinding<StyleTransferSettings>> All { get; } =
    [
        Size, Evaluations, StyleStrength, ContentWeight, StyleWeight, TotalVariationWeight, Optimizer, LearningRate, AverageDecay, Init, Seed,
        PreserveColors, ColorMatch, StyleScale, StyleLoss, NormalizeGradients, MultiScale, MultiScaleSmallestSide, MultiScaleCoarseEvaluations, TileSize, TileHalo,
    ];

    /// <summary>
    /// What is wrong with the combination given, each as a host names the settings: both ways to keep
    /// the photo's colours, a multi-scale ladder's settings without multi-scale, a tile halo without tiles.
    /// </summary>
    /// <param name="given">Whether a setting was given (a flag: given as true).</param>
    /// <param name="nameOf">The setting as the host names it, e.g. <c>--tile-size</c> or <c>"tile-size"</c>.</param>
    /// <returns>One message per broken rule, none when the combination is fine.</returns>
    public static IReadOnlyList<string> Conflicts(Func<SettingBinding<StyleTransferSettings>, bool> given, Func<SettingDescription, string> nameOf)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(nameOf);
        var problems = new List<string>();
        if (given(PreserveColors) && given(ColorMatch))
        {
            problems.Add($"{nameOf(PreserveColors.Description)} and {nameOf(ColorMatch.Description)} are two ways to keep the content's colours: choose one.");
        }

        if (!given(MultiScale) && (given(MultiScaleSmallestSide) || given(MultiScaleCoarseEvaluations)))
        {
            problems.Add($"{nameOf(MultiScaleSmallestSide.Description)} and {nameOf(MultiScaleCoarseEvaluations.Description)} apply to {nameOf(MultiScale.Description)}: add {nameOf(MultiScale.Description)} or drop them.");
        }

        if (!given(TileSize) && given(TileHalo))
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{nameOf(TileHalo.Description)} applies to tiled evaluation: add {nameOf(TileSize.Description)} (e.g. {new TilingSettings().TileSize}) or drop it."));
        }

        return problems;
    }

    /// <summary>
    /// What is wrong when a per-style setting (<see cref="SettingDescriptions.StyleBlendWeight"/>,
    /// <see cref="SettingDescriptions.StyleMask"/>) has <paramref name="count"/> values for
    /// <paramref name="styles"/> style images; null when it has one per style image.
    /// </summary>
    /// <param name="name">The setting as the host names it.</param>
    /// <param name="count">The values given.</param>
    /// <param name="styles">The style images.</param>
    /// <param name="unit">What one value is, e.g. <c>weight</c>.</param>
    public static string? PerStyleProblem(string name, int count, int styles, string unit) =>
        count == styles ? null : $"{name} has {count} {unit}(s) for {styles} style image(s): give one {unit} per style image.";

    private static StyleTransferSettings WithMultiScale(StyleTransferSettings s, Func<MultiScaleSettings, MultiScaleSettings> change) =>
        s.WithOptimization(o => o with { MultiScale = change(o.MultiScale ?? new MultiScaleSettings()) });

    private static StyleTransferSettings WithTiling(StyleTransferSettings s, Func<TilingSettings, TilingSettings> change) =>
        s.WithMemory(m => m with { Tiling = change(m.Tiling ?? new TilingSettings()) });
}
