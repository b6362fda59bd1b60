using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Network;

namespace NeuralStyle.FastStyle.Training;

/// <summary>
/// <see cref="FastStyleTrainingSettings"/>' settings, each described once (<see cref="SettingDescription"/>);
/// the objective's weights are the transfer's descriptions with training's defaults. Hosts build the
/// <c>train</c> command's options from these, and validation checks them.
/// </summary>
public static class TrainingSettingDescriptions
{
    private static FastStyleTrainingSettings Defaults => FastStyleTrainingSettings.Default;

    /// <summary><see cref="FastStyleTrainingSettings.Size"/>: the side of the square crops (not a result's size, so another key).</summary>
    public static SettingDescription CropSize { get; } = new()
    {
        Setting = TrainingSetting.Size,
        Key = "crop-size",
        Name = "FastStyleTrainingSettings.Size",
        Help = "The side of the square training crops in pixels.",
        Default = SettingDescriptions.Text(Defaults.Size),
        Range = new(FastStyleTrainingSettings.MinimumSize, FastStyleTrainingSettings.MaximumSize, Whole: true),
        Fix = $"Johnson et al. train at {SettingDescriptions.Text(Defaults.Size)}.",
    };

    /// <summary><see cref="FastStyleTrainingSettings.StyleSize"/>.</summary>
    public static SettingDescription StyleSize { get; } = CropSize with
    {
        Setting = TrainingSetting.StyleSize,
        Key = "style-size",
        Name = "FastStyleTrainingSettings.StyleSize",
        Help = "The longest side the style image is seen at.",
        Default = "the crop size",
        Fix = "Leave it unset to see the style at the crop size.",
    };

    /// <summary><see cref="FastStyleTrainingSettings.Steps"/>.</summary>
    public static SettingDescription Steps { get; } = new()
    {
        Setting = TrainingSetting.Steps,
        Key = "steps",
        Name = "FastStyleTrainingSettings.Steps",
        Help = "Training steps.",
        Default = SettingDescriptions.Text(Defaults.Steps),
        Range = new(1, Whole: true),
        Fix = $"The default is {SettingDescriptions.Text(Defaults.Steps)}.",
    };

    /// <summary><see cref="FastStyleTrainingSettings.BatchSize"/>.</summary>
    public static SettingDescription BatchSize { get; } = new()
    {
        Setting = TrainingSetting.BatchSize,
        Key = "batch",
        Name = "FastStyleTrainingSettings.BatchSize",
        Help = "Crops per step.",
        Default = SettingDescriptions.Text(Defaults.BatchSize),
        Range = new(1, FastStyleTrainingSettings.MaximumBatchSize, Whole: true),
        Fix = $"The default is {SettingDescriptions.Text(Defaults.BatchSize)}.",
    };

    /// <summary><see cref="FastStyleArchitecture.Width"/>.</summary>
    public static SettingDescription Width { get; } = new()
    {
        Setting = TrainingSetting.Width,
        Key = "width",
        Name = "FastStyleArchitecture.Width",
        Help = "The network's width factor.",
        Default = Defaults.Architecture.WidthText,
        Values = "1, 0.5 or 0.25",
    };

    /// <summary><see cref="FastStyleArchitecture.ResidualBlocks"/>.</summary>
    public static SettingDescription ResidualBlocks { get; } = new()
    {
        Setting = TrainingSetting.ResidualBlocks,
        Key = "blocks",
        Name = "FastStyleArchitecture.ResidualBlocks",
        Help = "Residual blocks.",
        Default = SettingDescriptions.Text(Defaults.Architecture.ResidualBlocks),
        Range = new(FastStyleArchitecture.MinimumResidualBlocks, FastStyleArchitecture.MaximumResidualBlocks, Whole: true),
        Fix = $"Johnson et al. use {SettingDescriptions.Text(FastStyleArchitecture.Default.ResidualBlocks)}.",
    };

    /// <summary><see cref="FastStyleTrainingSettings.LearningRate"/>: the same key and meaning as the transfer's (its optimiser's step size).</summary>
    public static SettingDescription LearningRate { get; } = SettingDescriptions.LearningRate with
    {
        Setting = TrainingSetting.LearningRate,
        Name = "FastStyleTrainingSettings.LearningRate",
        Help = "Adam's learning rate for the network's weights.",
        Default = SettingDescriptions.Text(Defaults.LearningRate),
        Fix = $"The default is {SettingDescriptions.Text(Defaults.LearningRate)}.",
    };

    /// <summary>The content weight, with training's default.</summary>
    public static SettingDescription ContentWeight { get; } = SettingDescriptions.ContentWeight with { Default = SettingDescriptions.Text(Defaults.Objective.ContentWeight) };

    /// <summary>The style weight, with training's default.</summary>
    public static SettingDescription StyleWeight { get; } = SettingDescriptions.StyleWeight with { Default = SettingDescriptions.Text(Defaults.Objective.StyleWeight) };

    /// <summary>The total variation weight, with training's default.</summary>
    public static SettingDescription TotalVariationWeight { get; } = SettingDescriptions.TotalVariationWeight with { Default = SettingDescriptions.Text(Defaults.Objective.TotalVariationWeight) };

    /// <summary>The content layer of the objective.</summary>
    public static SettingDescription ContentLayer { get; } = new()
    {
        Setting = Setting.ContentLayers,
        Key = "content-layer",
        Name = "ObjectiveSettings.ContentLayers",
        Help = "The loss network's layer the content is compared at (e.g. stem, stage1, stage2 for ResNet18).",
        Default = "the loss network's recommendation",
        Values = "a layer name the loss network knows",
    };

    /// <summary><see cref="FastStyleTrainingSettings.Seed"/>.</summary>
    public static SettingDescription Seed { get; } = SettingDescriptions.Seed with
    {
        Setting = TrainingSetting.Seed,
        Name = "FastStyleTrainingSettings.Seed",
        Help = "Seeds the initial weights and every crop.",
        Default = SettingDescriptions.Text(Defaults.Seed),
    };

    /// <summary><see cref="FastStyleTrainingSettings.CheckpointEvery"/>.</summary>
    public static SettingDescription CheckpointEvery { get; } = new()
    {
        Setting = TrainingSetting.Checkpoint,
        Key = "checkpoint-every",
        Name = "FastStyleTrainingSettings.CheckpointEvery",
        Help = "Write a checkpoint every N steps (atomically); 0 writes none.",
        Default = SettingDescriptions.Text(Defaults.CheckpointEvery),
        Range = new(0, Whole: true),
        Fix = "Use 0 to write no checkpoints.",
    };

    /// <summary><see cref="FastStyleTrainingSettings.Precision"/>.</summary>
    public static SettingDescription Precision { get; } = new()
    {
        Setting = TrainingSetting.Precision,
        Key = "precision",
        Name = "FastStyleTrainingSettings.Precision",
        Help = "The style network's arithmetic in training: bfloat16 (faster where the CPU has AVX512_BF16; weights, losses, the loss network and the model stay float32) or float32.",
        Default = PrecisionText(Defaults.Precision),
        Values = string.Join(", ", Enum.GetValues<TrainingPrecision>().Select(PrecisionText)),
        Fix = "auto picks bfloat16 where the CPU computes it natively.",
    };

    /// <summary>A precision as hosts write it: <c>auto</c>, <c>float32</c>, <c>bfloat16</c>.</summary>
    public static string PrecisionText(TrainingPrecision precision) => precision.ToString().ToLowerInvariant();

    /// <summary>Every setting of <see cref="FastStyleTrainingSettings"/> hosts expose, in the order the command line lists them.</summary>
    public static IReadOnlyList<SettingDescription> All { get; } =
    [
        CropSize, StyleSize, Steps, BatchSize, Width, ResidualBlocks, LearningRate, ContentWeight, ContentLayer, StyleWeight, TotalVariationWeight, Seed,
        SettingDescriptions.StyleBlendWeight, CheckpointEvery, Precision,
    ];
}
