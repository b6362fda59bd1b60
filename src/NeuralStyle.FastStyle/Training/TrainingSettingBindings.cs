using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Network;

namespace NeuralStyle.FastStyle.Training;

/// <summary>
/// The settings of <see cref="FastStyleTrainingSettings"/> a host sets by key, each bound to the
/// property it changes (<see cref="SettingBinding{TSettings}"/>): the <c>train</c> command's options
/// are made and read through these, as <c>style</c>'s are through <see cref="TransferSettingBindings"/>.
/// A value is applied over a recipe's settings only when given; <c>Build()</c> validates the result.
/// </summary>
public static class TrainingSettingBindings
{
    /// <summary><see cref="TrainingSettingDescriptions.CropSize"/>.</summary>
    public static SettingBinding<FastStyleTrainingSettings, int> CropSize { get; } = new(TrainingSettingDescriptions.CropSize, (s, v) => s with { Size = v });

    /// <summary><see cref="TrainingSettingDescriptions.StyleSize"/>.</summary>
    public static SettingBinding<FastStyleTrainingSettings, int> StyleSize { get; } = new(TrainingSettingDescriptions.StyleSize, (s, v) => s with { StyleSize = v });

    /// <summary><see cref="TrainingSettingDescriptions.Steps"/>.</summary>
    public static SettingBinding<FastStyleTrainingSettings, int> Steps { get; } = new(TrainingSettingDescriptions.Steps, (s, v) => s with { Steps = v });

    /// <summary><see cref="TrainingSettingDescriptions.BatchSize"/>.</summary>
    public static SettingBinding<FastStyleTrainingSettings, int> BatchSize { get; } = new(TrainingSettingDescriptions.BatchSize, (s, v) => s with { BatchSize = v });

    /// <summary><see cref="TrainingSettingDescriptions.Width"/>, written as its factor (<c>1</c>, <c>0.5</c>, <c>0.25</c>; <see cref="FastStyleArchitecture.ParseWidth"/>).</summary>
    public static SettingBinding<FastStyleTrainingSettings, NetworkWidth> Width { get; } = new(
        TrainingSettingDescriptions.Width,
        (s, v) => s with { Architecture = s.Architecture with { Width = v } },
        FastStyleArchitecture.WidthAliases,
        FastStyleArchitecture.WidthTextOf);

    /// <summary><see cref="TrainingSettingDescriptions.ResidualBlocks"/>.</summary>
    public static SettingBinding<FastStyleTrainingSettings, int> ResidualBlocks { get; } =
        new(TrainingSettingDescriptions.ResidualBlocks, (s, v) => s with { Architecture = s.Architecture with { ResidualBlocks = v } });

    /// <summary><see cref="TrainingSettingDescriptions.LearningRate"/>.</summary>
    public static SettingBinding<FastStyleTrainingSettings, double> LearningRate { get; } = new(TrainingSettingDescriptions.LearningRate, (s, v) => s with { LearningRate = v });

    /// <summary><see cref="TrainingSettingDescriptions.ContentWeight"/>.</summary>
    public static SettingBinding<FastStyleTrainingSettings, double> ContentWeight { get; } =
        new(TrainingSettingDescriptions.ContentWeight, (s, v) => s with { Objective = s.Objective with { ContentWeight = v } });

    /// <summary><see cref="TrainingSettingDescriptions.ContentLayer"/>: the one layer the content is compared at.</summary>
    public static SettingBinding<FastStyleTrainingSettings, string> ContentLayer { get; } =
        new(TrainingSettingDescriptions.ContentLayer, (s, v) => s with { Objective = s.Objective with { ContentLayers = [new LayerChoice(v)] } });

    /// <summary><see cref="TrainingSettingDescriptions.StyleWeight"/>.</summary>
    public static SettingBinding<FastStyleTrainingSettings, double> StyleWeight { get; } =
        new(TrainingSettingDescriptions.StyleWeight, (s, v) => s with { Objective = s.Objective with { StyleWeight = v } });

    /// <summary><see cref="TrainingSettingDescriptions.TotalVariationWeight"/>.</summary>
    public static SettingBinding<FastStyleTrainingSettings, double> TotalVariationWeight { get; } =
        new(TrainingSettingDescriptions.TotalVariationWeight, (s, v) => s with { Objective = s.Objective with { TotalVariationWeight = v } });

    /// <summary><see cref="TrainingSettingDescriptions.Seed"/>.</summary>
    public static SettingBinding<FastStyleTrainingSettings, long> Seed { get; } = new(TrainingSettingDescriptions.Seed, (s, v) => s with { Seed = v });

    /// <summary><see cref="TrainingSettingDescriptions.CheckpointEvery"/>.</summary>
    public static SettingBinding<FastStyleTrainingSettings, int> CheckpointEvery { get; } = new(TrainingSettingDescriptions.CheckpointEvery, (s, v) => s with { CheckpointEvery = v });

    /// <summary><see cref="TrainingSettingDescriptions.Precision"/>, written as <see cref="TrainingSettingDescriptions.PrecisionText"/> (<c>bfloat16</c>).</summary>
    public static SettingBinding<FastStyleTrainingSettings, TrainingPrecision> Precision { get; } =
        new(TrainingSettingDescriptions.Precision, (s, v) => s with { Precision = v }, writtenAs: TrainingSettingDescriptions.PrecisionText);

    /// <summary>
    /// Every binding, in the order of <see cref="TrainingSettingDescriptions.All"/> (which also lists the
    /// per-style blend weights: a weight for each style image, given beside them, not a setting of this record).
    /// </summary>
    public static IReadOnlyList<SettingBinding<FastStyleTrainingSettings>> All { get; } =
        [CropSize, StyleSize, Steps, BatchSize, Width, ResidualBlocks, LearningRate, ContentWeight, ContentLayer, StyleWeight, TotalVariationWeight, Seed, CheckpointEvery, Precision];
}
