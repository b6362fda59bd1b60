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
    /// From scratch, as <c>starry-night</c> was (2,000 steps): a full-width network with one residual block (under 2 MB),
    /// 128 px crops, batch 4, content weight 6 (4 left yellow blobs on grass; docs/fast-style.md), total-variation weight 120,
    /// seed 1, float32 (the same seed, thread count and machine give the same bits); the rest the defaults
    /// (<see cref="FastStyleTrainingSettings.Default"/>: the loss network's recommended layers, strength 0.5).
    /// </summary>
    public static FastStyleTrainingSettings FromScratch { get; } = FastStyleTrainingSettings.Default with
    {
        Architecture = new FastStyleArchitecture { Width = NetworkWidth.Full, ResidualBlocks = 1 },
        Size = 128,
        BatchSize = 4,
        Steps = 2000,
        Seed = 1,
        Precision = TrainingPrecision.Float32,
        Objective = FastStyleTrainingSettings.Default.Objective with { ContentWeight = 6, TotalVariationWeight = 120 },
    };

    /// <summary>
    /// A new style from a built-in one in about 2 minutes on 2 cores (<c>WithInitialModel(BuiltInStyles.Load(...))</c>;
    /// <c>neural-style train --from starry-night</c>; <c>the-scream</c> and <c>shipwreck</c> were trained this way, in float32, for 600 and 300 steps):
    /// <see cref="FromScratch"/> for 300 steps (1,200 crops) with content weight 4, in <see cref="TrainingPrecision.Auto"/>
    /// precision (bfloat16 where the CPU has it). The starting network already keeps the scene, so the new style needs less
    /// content weight than from scratch: 6 kept more of the scene but moved the results further from the painting. Measured
    /// against 4x the crops from <see cref="FromScratch"/> for two paintings: nearer the painting in texture and palette, less
    /// of the scene kept (as much as the transfer keeps); docs/fast-style.md.
    /// </summary>
    public static FastStyleTrainingSettings WarmStart { get; } = FromScratch with
    {
        Steps = 300,
        Precision = TrainingPrecision.Auto,
        Objective = FromScratch.Objective with { ContentWeight = 4 },
    };
}
