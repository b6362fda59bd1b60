namespace NeuralStyle.Configuration;

/// <summary>
/// Names one setting or input of a transfer: where a <see cref="ConfigurationProblem"/> lies. Hosts
/// (such as the <c>neural-style</c> command) map it to their own name for that setting.
/// </summary>
public enum Setting
{
    /// <summary>The settings object as a whole (<c>WithSettings</c>).</summary>
    Settings,

    /// <summary>The feature extractor (<c>WithFeatureExtractor</c>), or the backbone a preset needs.</summary>
    FeatureExtractor,

    /// <summary>The content image.</summary>
    ContentImage,

    /// <summary>A style image.</summary>
    StyleImage,

    /// <summary>A style image's blend weight.</summary>
    StyleBlendWeight,

    /// <summary>A style image's region mask.</summary>
    StyleMask,

    /// <summary>The limits for decoding input images (<c>ImageLoadOptions</c>).</summary>
    ImageLoadOptions,

    /// <summary><see cref="ObjectiveSettings.ContentLayers"/>.</summary>
    ContentLayers,

    /// <summary><see cref="ObjectiveSettings.StyleLayers"/>.</summary>
    StyleLayers,

    /// <summary><see cref="ObjectiveSettings.StyleStrength"/>.</summary>
    StyleStrength,

    /// <summary><see cref="ObjectiveSettings.ContentWeight"/>.</summary>
    ContentWeight,

    /// <summary><see cref="ObjectiveSettings.StyleWeight"/>.</summary>
    StyleWeight,

    /// <summary><see cref="ObjectiveSettings.TotalVariationWeight"/>.</summary>
    TotalVariationWeight,

    /// <summary><see cref="ObjectiveSettings.ContentFormula"/>.</summary>
    ContentFormula,

    /// <summary><see cref="ObjectiveSettings.StyleFormula"/>.</summary>
    StyleFormula,

    /// <summary><see cref="ObjectiveSettings.StyleLoss"/>.</summary>
    StyleLoss,

    /// <summary><see cref="ObjectiveSettings.TotalVariationFormula"/>.</summary>
    TotalVariationFormula,

    /// <summary><see cref="ObjectiveSettings.NormalizeGradients"/>.</summary>
    NormalizeGradients,

    /// <summary><see cref="OptimizationSettings.Optimizer"/> (its kind).</summary>
    Optimizer,

    /// <summary>The optimiser's <see cref="Optimization.OptimizerSettings.LearningRate"/>.</summary>
    LearningRate,

    /// <summary>L-BFGS's <see cref="Optimization.OptimizerSettings.HistorySize"/>.</summary>
    HistorySize,

    /// <summary>Adam's moment decays and epsilon.</summary>
    AdamMoments,

    /// <summary>Adam's <see cref="Optimization.OptimizerSettings.AverageDecay"/>.</summary>
    AverageDecay,

    /// <summary>SGD's learning-rate decay.</summary>
    LearningRateDecay,

    /// <summary><see cref="OptimizationSettings.Evaluations"/>.</summary>
    Evaluations,

    /// <summary><see cref="OptimizationSettings.Init"/>.</summary>
    Init,

    /// <summary><see cref="OptimizationSettings.Space"/>.</summary>
    Space,

    /// <summary><see cref="MultiScaleSettings.SmallestSide"/>.</summary>
    MultiScaleSmallestSide,

    /// <summary><see cref="MultiScaleSettings.Factor"/>.</summary>
    MultiScaleFactor,

    /// <summary><see cref="MultiScaleSettings.CoarseEvaluations"/>.</summary>
    MultiScaleCoarseEvaluations,

    /// <summary><see cref="ImageSettings.Size"/>.</summary>
    Size,

    /// <summary><see cref="ImageSettings.StyleSizing"/>.</summary>
    StyleSizing,

    /// <summary><see cref="ImageSettings.StyleScale"/>.</summary>
    StyleScale,

    /// <summary><see cref="ImageSettings.ColorPreservation"/>.</summary>
    ColorPreservation,

    /// <summary><see cref="TilingSettings.TileSize"/>.</summary>
    TileSize,

    /// <summary><see cref="TilingSettings.Halo"/>.</summary>
    TileHalo,

    /// <summary><see cref="TilingSettings.BlendWidth"/>.</summary>
    TileBlendWidth,

    /// <summary><see cref="MemorySettings.LimitBytes"/>.</summary>
    MemoryLimit,

    /// <summary>A run's <see cref="Transfer.RunReporting.ProgressEvery"/>.</summary>
    ProgressEvery,

    /// <summary>A run's <see cref="Transfer.RunReporting.SnapshotEvery"/>.</summary>
    SnapshotEvery,

    /// <summary>A fast style network's width (NeuralStyle.FastStyle).</summary>
    FastStyleWidth,

    /// <summary>A fast style network's residual block count.</summary>
    FastStyleResidualBlocks,

    /// <summary>The folder of content photos a fast style network is trained on.</summary>
    TrainingImages,

    /// <summary>The side of the square crops a fast style network is trained on.</summary>
    TrainingSize,

    /// <summary>The number of training steps.</summary>
    TrainingSteps,

    /// <summary>The number of crops per training step.</summary>
    BatchSize,

    /// <summary>The learning rate of fast-style training's Adam.</summary>
    TrainingLearningRate,

    /// <summary>The size the style image is seen at in training.</summary>
    TrainingStyleSize,

    /// <summary>Where and how often training checkpoints are written.</summary>
    Checkpoint,

    /// <summary>The decoded-image cache of training.</summary>
    TrainingCache,

    /// <summary>How strongly a fast style network's output is blended over the photo.</summary>
    StylizeStrength,

    /// <summary>How a fast style network tiles an image too large to run whole.</summary>
    StylizeTiling,

    /// <summary>A fast style network's input size (<c>StylizeOptions.Size</c>).</summary>
    StylizeSize,

    /// <summary>The trained model a fast-style training starts from (a warm start).</summary>
    TrainingInitialModel,

    /// <summary>The fast network's memory limit per call (<c>StylizeOptions.MemoryLimitBytes</c>).</summary>
    StylizeMemoryLimit,

    /// <summary><see cref="OptimizationSettings.Seed"/>.</summary>
    Seed,

    /// <summary><see cref="OptimizationSettings.MultiScale"/> (on or off).</summary>
    MultiScale,

    /// <summary>The overlap of a fast style network's tiles (<c>StylizeOptions.TileOverlap</c>).</summary>
    StylizeTileOverlap,

    /// <summary>How much a fast style network may enlarge a photo (<c>StylizeOptions.MaxUpscale</c>).</summary>
    StylizeMaxUpscale,

    /// <summary>The seed of fast-style training (<c>FastStyleTrainingSettings.Seed</c>).</summary>
    TrainingSeed,

    /// <summary>How far a fast style network's results move to its style's palette (<c>StylizeOptions.PaletteShare</c>).</summary>
    StylizePalette,

    /// <summary>The arithmetic fast-style training computes in (<c>FastStyleTrainingSettings.Precision</c>).</summary>
    TrainingPrecision,

    /// <summary>The hosted service's fast-job queue (<c>NeuralStyleServiceOptions.QueueCapacity</c>).</summary>
    ServiceQueueCapacity,

    /// <summary>The hosted service's concurrent fast jobs (<c>NeuralStyleServiceOptions.MaxDegreeOfParallelism</c>).</summary>
    ServiceParallelism,

    /// <summary>The hosted service's finished jobs kept (<c>NeuralStyleServiceOptions.MaxRetainedJobs</c>).</summary>
    ServiceRetainedJobs,

    /// <summary>The hosted service's transfer queue (<c>PaintServiceOptions.QueueCapacity</c>).</summary>
    PaintQueueCapacity,

    /// <summary>The hosted service's transfer sizes (<c>PaintServiceOptions.Size</c> and <c>MaxSize</c>).</summary>
    PaintSize,
}
