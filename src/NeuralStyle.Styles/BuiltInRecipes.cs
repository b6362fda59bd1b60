using NeuralStyle.FastStyle.Network;
using NeuralStyle.FastStyle.Training;

namespace NeuralStyle.Styles;

/// <summary>
/// How the built-in styles were trained, as settings to train your own the same way
/// (<c>FastStyleTrainerBuilder.WithSettings</c>; <c>neural-style train --recipe built-in</c> or
/// <c>warm-start</c>). Measured in docs/fast-style.md: the built-in styles' table, and the warm start's.
/// </summary>
public static class BuiltInRecipes
{
    /// <summary>
    /// From scratch, as <c>starry-night</c> was (2,000 steps; <c>the-scream</c> and <c>shipwreck</c> were warm-started from it
    /// with this recipe for 600 steps): a full-width network with one residual block (under 2 MB), 128 px crops, batch 4,
    /// content weight 4, total-variation weight 120, seed 1, float32 (the same seed, thread count and machine give the same
    /// bits); the rest the defaults (<see cref="FastStyleTrainingSettings.Default"/>: the loss network's recommended layers,
    /// strength 0.5).
    /// </summary>
    public static FastStyleTrainingSettings FromScratch { get; } = FastStyleTrainingSettings.Default with
    {
        Architecture = new FastStyleArchitecture { Width = NetworkWidth.Full, ResidualBlocks = 1 },
        Size = 128,
        BatchSize = 4,
        Steps = 2000,
        Seed = 1,
        Precision = TrainingPrecision.Float32,
        Objective = FastStyleTrainingSettings.Default.Objective with { ContentWeight = 4, TotalVariationWeight = 120 },
    };

    /// <summary>
    /// A new style from a built-in one in about 2 minutes on 2 cores (<c>WithInitialModel(BuiltInStyles.Load(...))</c>;
    /// <c>neural-style train --from starry-night</c>): <see cref="FromScratch"/> for 300 steps (1,200 crops) with 1.5 times its
    /// content weight (6), which pulls back the starting style's reshaping of the scene, in <see cref="TrainingPrecision.Auto"/>
    /// precision (bfloat16 where the CPU has it). Measured against 1,200 steps from scratch (4x the crops) for two paintings:
    /// as much or more of the scene kept, texture and palette within 0.013 (float32; a bfloat16 run within 0.033).
    /// </summary>
    public static FastStyleTrainingSettings WarmStart { get; } = FromScratch with
    {
        Steps = 300,
        Precision = TrainingPrecision.Auto,
        Objective = FromScratch.Objective with { ContentWeight = 1.5 * FromScratch.Objective.ContentWeight },
    };
}
