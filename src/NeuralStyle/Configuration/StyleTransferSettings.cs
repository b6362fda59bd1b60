using NeuralStyle.Engine;
using NeuralStyle.Optimization;

namespace NeuralStyle.Configuration;

/// <summary>
/// Every setting of a transfer, as four cohesive immutable records: what the objective is, how it
/// is optimised, the image geometry, and the memory policy. Start from a <see cref="StylePreset"/>'s
/// <see cref="StylePreset.Settings"/> (or <see cref="Default"/>) and change what you need with
/// <c>with</c> expressions or the builder. Validated once, by <c>StyleTransferBuilder.Build()</c>.
/// </summary>
public sealed record StyleTransferSettings
{
    /// <summary>The recommended settings (<see cref="StylePreset.Default"/>'s).</summary>
    public static StyleTransferSettings Default { get; } = new();

    /// <summary>What the objective is: layers, weights and formulas.</summary>
    public ObjectiveSettings Objective { get; init; } = new();

    /// <summary>How the image is optimised: optimiser, budget, init, space, multi-scale.</summary>
    public OptimizationSettings Optimization { get; init; } = new();

    /// <summary>Image geometry and colour: output size, style sizing and scale, colour preservation.</summary>
    public ImageSettings Image { get; init; } = new();

    /// <summary>Memory policy: tiled evaluation and the memory limit.</summary>
    public MemorySettings Memory { get; init; } = new();

    /// <summary>The extractor these settings were made for; null (the default) suits any extractor.</summary>
    public ExtractorRequirement? Extractor { get; init; }

    /// <summary>These settings with <see cref="Objective"/> changed by <paramref name="change"/>.</summary>
    public StyleTransferSettings WithObjective(Func<ObjectiveSettings, ObjectiveSettings> change) => this with { Objective = Changed(Objective, change) };

    /// <summary>These settings with <see cref="Optimization"/> changed by <paramref name="change"/>.</summary>
    public StyleTransferSettings WithOptimization(Func<OptimizationSettings, OptimizationSettings> change) => this with { Optimization = Changed(Optimization, change) };

    /// <summary>These settings with <see cref="Image"/> changed by <paramref name="change"/>.</summary>
    public StyleTransferSettings WithImage(Func<ImageSettings, ImageSettings> change) => this with { Image = Changed(Image, change) };

    /// <summary>These settings with <see cref="Memory"/> changed by <paramref name="change"/>.</summary>
    public StyleTransferSettings WithMemory(Func<MemorySettings, MemorySettings> change) => this with { Memory = Changed(Memory, change) };

    /// <summary>Lists every problem with these settings that can be seen without a feature extractor.</summary>
    internal void Validate(ProblemList problems)
    {
        if (Objective is null || Optimization is null || Image is null || Memory is null)
        {
            problems.Add(Setting.Settings, "A settings group (Objective, Optimization, Image or Memory) is null.", "Start from StyleTransferSettings.Default and change it with 'with' expressions.");
            return;
        }

        Objective.Validate(problems);
        Optimization.Validate(problems);
        Image.Validate(problems);
        Memory.Validate(problems);
        problems.Require(
            !Objective.NormalizeGradients || Optimization.Optimizer?.Kind != OptimizerKind.Lbfgs,
            Setting.NormalizeGradients,
            "NormalizeGradients needs Adam or SGD: L-BFGS's line search needs the loss's true gradient.",
            "Use Adam or SGD, or turn gradient normalisation off.",
            new SettingValue(SettingDescriptions.Optimizer, SettingDescriptions.KebabCase(nameof(OptimizerKind.Adam))));
    }

    private static T Changed<T>(T value, Func<T, T> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change(value);
    }
}
