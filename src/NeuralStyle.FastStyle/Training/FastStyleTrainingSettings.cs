using System.Globalization;
using NeuralStyle.Configuration;
using NeuralStyle.Engine;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;

namespace NeuralStyle.FastStyle.Training;

/// <summary>
/// How a fast style network is trained: its shape, the crops it sees, the step budget, Adam, the
/// perceptual objective (the same <see cref="ObjectiveSettings"/> as a transfer's, losses reused),
/// the seed, checkpoints and the decoded-image cache. Validated once, by
/// <see cref="FastStyleTrainerBuilder.Build"/>.
/// </summary>
public sealed record FastStyleTrainingSettings
{
    /// <summary>The smallest training crop side.</summary>
    public const int MinimumSize = 32;

    /// <summary>The largest training crop side.</summary>
    public const int MaximumSize = 2048;

    /// <summary>The largest batch.</summary>
    public const int MaximumBatchSize = 64;

    /// <summary>The defaults (documented on each property).</summary>
    public static FastStyleTrainingSettings Default { get; } = new();

    /// <summary>The network to train (default <see cref="FastStyleArchitecture.Default"/>: half width, 5 residual blocks).</summary>
    public FastStyleArchitecture Architecture { get; init; } = FastStyleArchitecture.Default;

    /// <summary>The side of the square random crops of the content photos, in pixels (default 256, as Johnson et al.).</summary>
    public int Size { get; init; } = 256;

    /// <summary>The longest side the style image is seen at; null (the default) uses <see cref="Size"/>.</summary>
    public int? StyleSize { get; init; }

    /// <summary>The number of optimisation steps (default 2000).</summary>
    public int Steps { get; init; } = 2000;

    /// <summary>Crops per step (default 4, as Johnson et al.).</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Adam's learning rate (default 1e-3, as Johnson et al.).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>
    /// The perceptual objective: layers (null: the loss network's recommendation), weights,
    /// formulas and strength, exactly as for a transfer, with the transfer's defaults (a first
    /// demo at strength 1 lost the scene on photos it had not seen: docs/fast-style.md).
    /// </summary>
    public ObjectiveSettings Objective { get; init; } = new();

    /// <summary>Seeds the network's initial weights and every crop; a seed gives the same run on the same machine and thread count.</summary>
    public long Seed { get; init; }

    /// <summary>Write a checkpoint every this many steps (0, the default, writes none); needs a checkpoint path.</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>The most memory, in megabytes, kept for decoded and downscaled photos (default 512); photos beyond it are decoded again when drawn.</summary>
    public int CacheMegabytes { get; init; } = 512;

    /// <summary>
    /// The style network's arithmetic in training (default <see cref="TrainingPrecision.Auto"/>: bfloat16
    /// where the device has it natively). Same seed, same precision, same machine: the same model file.
    /// </summary>
    public TrainingPrecision Precision { get; init; } = TrainingPrecision.Auto;

    /// <summary>
    /// The precision <see cref="Precision"/> comes to on <paramref name="device"/>: never
    /// <see cref="TrainingPrecision.Auto"/>; what the trainer runs the style network in
    /// (<see cref="FastStyleTrainer.Precision"/>), unless <see cref="TrainingPrecision.Auto"/> resumes a
    /// checkpoint, which keeps the checkpoint's.
    /// </summary>
    /// <param name="device">The device training runs on (the loss network's).</param>
    public TrainingPrecision PrecisionOn(TorchSharp.torch.Device device) => Precision switch
    {
        TrainingPrecision.Auto => Runtime.NativeBFloat16.IsSupported(device) ? TrainingPrecision.BFloat16 : TrainingPrecision.Float32,
        TrainingPrecision.Float32 or TrainingPrecision.BFloat16 => Precision,
        _ => throw new InvalidOperationException($"Precision {Precision} is not defined: use Auto, Float32 or BFloat16."),
    };

    /// <summary>The style image's longest side in force.</summary>
    internal int StyleSizeInForce => StyleSize ?? Size;

    /// <summary>A one-line description, stored in the model file.</summary>
    internal string Describe(TrainingPrecision precision, FastStyleModelInfo? initial = null) =>
        string.Create(CultureInfo.InvariantCulture, $"steps={Steps} {Arithmetic(precision)}{From(initial)}");

    /// <summary>
    /// What must be equal for a checkpoint to be resumed: everything that changes the arithmetic of
    /// a step (not the step budget, so a finished run can be continued for more steps).
    /// </summary>
    internal string ResumeKey(TrainingPrecision precision, string lossNetwork, string styles, FastStyleModelInfo? initial = null) => string.Create(
        CultureInfo.InvariantCulture,
        $"width={Architecture.WidthText} blocks={Architecture.ResidualBlocks} {Arithmetic(precision)} loss-network={lossNetwork} styles={styles}{From(initial)}");

    /// <summary>The warm start, if any: the initial model's style and steps.</summary>
    private static string From(FastStyleModelInfo? initial) =>
        initial is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" from={initial.StyleName}@{initial.Steps}");

    /// <remarks>float32, the only arithmetic before the precision setting, is not written, so earlier checkpoints still resume.</remarks>
    private string Arithmetic(TrainingPrecision precision) => string.Create(
        CultureInfo.InvariantCulture,
        $"size={Size} style-size={StyleSizeInForce} batch={BatchSize} lr={LearningRate} seed={Seed} "
        + $"{(precision == TrainingPrecision.Float32 ? string.Empty : $"precision={TrainingSettingDescriptions.PrecisionText(precision)} ")}"
        + $"content-weight={Objective.ContentWeight} style-weight={Objective.StyleWeight} tv-weight={Objective.TotalVariationWeight} strength={Objective.StyleStrength} "
        + $"style-loss={Objective.StyleLoss} formulas={Objective.ContentFormula}/{Objective.StyleFormula}/{Objective.TotalVariationFormula} "
        + $"content-layers={Layers(Objective.ContentLayers)} style-layers={Layers(Objective.StyleLayers)}");

    private static string Layers(IReadOnlyList<LayerChoice>? layers) =>
        layers is null ? "recommended" : string.Join(',', layers.Select(l => FormattableString.Invariant($"{l.Name}:{l.Weight}")));

    internal void Validate(ProblemList problems, bool hasCheckpointPath)
    {
        Architecture.Validate(problems);
        Objective.Validate(problems);
        problems.Require(
            !Objective.NormalizeGradients,
            Setting.NormalizeGradients,
            "NormalizeGradients applies to a transfer's pixel optimisation, not to training a network.",
            "Leave it off for training.");
        TrainingSettingDescriptions.CropSize.Check(problems, Size);
        if (StyleSize is int styleSize)
        {
            TrainingSettingDescriptions.StyleSize.Check(problems, styleSize);
        }

        TrainingSettingDescriptions.Steps.Check(problems, Steps);
        TrainingSettingDescriptions.BatchSize.Check(problems, BatchSize);
        TrainingSettingDescriptions.LearningRate.Check(problems, LearningRate);
        TrainingSettingDescriptions.CheckpointEvery.Check(problems, CheckpointEvery);
        problems.RequireDefined(Precision, TrainingSetting.Precision);
        problems.Require(
            CheckpointEvery == 0 || hasCheckpointPath,
            TrainingSetting.Checkpoint,
            $"CheckpointEvery is {CheckpointEvery} but no checkpoint path is given.",
            "Give one with WithCheckpoint(path).");
        problems.Require(CacheMegabytes >= 0, TrainingSetting.Cache, $"CacheMegabytes must be 0 or more (got {CacheMegabytes}).", "Use 0 to decode every photo each time it is drawn.");
    }
}
