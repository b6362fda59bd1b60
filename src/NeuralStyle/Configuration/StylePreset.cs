using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Losses;
using NeuralStyle.Optimization;

namespace NeuralStyle.Configuration;

/// <summary>
/// A named, complete set of settings, and the extractor it needs if any. The library's presets are
/// <see cref="Default"/> and <see cref="KerasExample"/>; <see cref="All"/> lists them for hosts
/// (the <c>neural-style</c> command binds <c>--preset</c> to it).
/// </summary>
public sealed class StylePreset
{
    private StylePreset(string name, IReadOnlyList<string> aliases, string summary, StyleTransferSettings settings, int snapshotEvery = 0)
    {
        Name = name;
        Aliases = aliases;
        Summary = summary;
        Settings = settings;
        SnapshotEvery = snapshotEvery;
    }

    /// <summary>
    /// The recommended settings (<see cref="StyleTransferSettings.Default"/>): the backbone's
    /// recommended layers, scale-free (relative) losses at the recommended strength
    /// (<see cref="StrengthCurve.Recommended"/>), starting from the photo recoloured to the painting's palette,
    /// L-BFGS with strong-Wolfe line search, 300 evaluations, 512 px longest side. Suits any extractor.
    /// </summary>
    public static StylePreset Default { get; } = new("Default", ["default"], Describe(StyleTransferSettings.Default), StyleTransferSettings.Default);

    /// <summary>
    /// The Keras example exactly: content on block5_conv2, style on block1_conv1..block5_conv1
    /// (equal weights 1/5), its Gram and TV (power 1.25) formulas, weights 2.5e-8 / 1e-6 / 1e-6,
    /// SGD with lr 100 decaying x0.96 per 100 steps, 4000 steps, 400 px high, init from content,
    /// optimising the Caffe-preprocessed image. Needs VGG19 with Caffe preprocessing
    /// (<see cref="StyleTransferSettings.Extractor"/>); the example saved a snapshot every 100 steps.
    /// </summary>
    public static StylePreset KerasExample { get; } = new(
        "KerasExample",
        ["keras", "keras-example"],
        "the Keras example's exact recipe; needs VGG19 with Caffe preprocessing",
        new StyleTransferSettings
        {
            Objective = new ObjectiveSettings
            {
                StyleStrength = 1,
                ContentLayers = [new LayerChoice("block5_conv2")],
                StyleLayers = Enumerable.Range(1, 5).Select(b => new LayerChoice($"block{b}_conv1", 1.0 / 5)).ToArray(),
                ContentWeight = 2.5e-8,
                StyleWeight = 1e-6,
                TotalVariationWeight = 1e-6,
                ContentFormula = ContentLossFormula.SumOfSquares,
                StyleFormula = StyleLossFormula.KerasExample,
                TotalVariationFormula = TotalVariationFormula.KerasExample,
            },
            Optimization = new OptimizationSettings
            {
                Optimizer = OptimizerSettings.Sgd(learningRate: 100, decayRate: 0.96, decaySteps: 100),
                Evaluations = 4000,
                Init = InitMode.Content,
                Space = OptimizationSpace.NetworkInput,
            },
            Image = new ImageSettings
            {
                Size = OutputSize.Height(400),
                StyleSizing = StyleImageSizing.MatchContentSize,
            },
            Extractor = new ExtractorRequirement("The KerasExample preset", "VGG19", ChannelNormalization.Caffe, "Caffe preprocessing"),
        },
        snapshotEvery: 100);

    /// <summary>Every preset of the library.</summary>
    public static IReadOnlyList<StylePreset> All { get; } = [Default, KerasExample];

    /// <summary>The preset's name, e.g. <c>KerasExample</c>.</summary>
    public string Name { get; }

    /// <summary>Other names it is found by (lower case, e.g. <c>keras</c>), for command lines.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>One line on what the preset is, for help texts.</summary>
    public string Summary { get; }

    /// <summary>Every setting of the preset.</summary>
    public StyleTransferSettings Settings { get; }

    /// <summary>
    /// How often the recipe the preset reproduces saved an intermediate image (0 = never); a run
    /// takes snapshots only when its <see cref="Transfer.RunReporting"/> asks, e.g. with this cadence.
    /// </summary>
    public int SnapshotEvery { get; }

    /// <summary>Finds a preset by its name or an alias, ignoring case.</summary>
    public static bool TryParse(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StylePreset? preset)
    {
        string trimmed = name?.Trim() ?? string.Empty;
        preset = All.FirstOrDefault(p => p.Name.Equals(trimmed, StringComparison.OrdinalIgnoreCase)
            || p.Aliases.Any(a => a.Equals(trimmed, StringComparison.OrdinalIgnoreCase)));
        return preset is not null;
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>A one-line summary of settings that use the backbone's recommended layers, read off the settings themselves.</summary>
    private static string Describe(StyleTransferSettings settings)
    {
        ObjectiveSettings objective = settings.Objective;
        OptimizationSettings optimization = settings.Optimization;
        return FormattableString.Invariant(
            $"the backbone's recommended layers, strength {objective.StyleStrength} ({objective.ContentFormula} losses weighted {objective.ContentWeight} / {objective.StyleWeightInForce} / {objective.TotalVariationWeightInForce}), ")
            + FormattableString.Invariant($"init {optimization.Init}, {optimization.Optimizer.Kind}, {optimization.Evaluations} evaluations, {settings.Image.Size}");
    }
}
