namespace NeuralStyle.Configuration;

/// <summary>
/// Names one setting or input: where a <see cref="ConfigurationProblem"/> lies. The transfer's are
/// the static members here; each package defines its own the same way (the fast-style package's
/// <c>TrainingSetting</c> and <c>StylizeSetting</c>, the hosted service's <c>ServiceSetting</c>), so
/// none of them is listed by the core. Hosts (such as the <c>neural-style</c> command) map a setting
/// to their own name for it. Two settings are the same only if they are the same instance.
/// </summary>
public sealed class Setting
{
    /// <summary>Defines a setting; keep the instance in a static member and compare by it.</summary>
    /// <param name="name">Its name for diagnostics (<see cref="ToString"/>), e.g. <c>ContentWeight</c>; hosts show their own names.</param>
    public Setting(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The setting's name, e.g. <c>ContentWeight</c>.</summary>
    public string Name { get; }

    /// <summary>The settings object as a whole (<c>WithSettings</c>).</summary>
    public static Setting Settings { get; } = new(nameof(Settings));

    /// <summary>The preset whose settings a host starts from (<see cref="StylePreset"/>).</summary>
    public static Setting Preset { get; } = new(nameof(Preset));

    /// <summary>The feature extractor (<c>WithFeatureExtractor</c>), or the backbone a preset needs.</summary>
    public static Setting FeatureExtractor { get; } = new(nameof(FeatureExtractor));

    /// <summary>The content image.</summary>
    public static Setting ContentImage { get; } = new(nameof(ContentImage));

    /// <summary>A style image.</summary>
    public static Setting StyleImage { get; } = new(nameof(StyleImage));

    /// <summary>A style image's blend weight.</summary>
    public static Setting StyleBlendWeight { get; } = new(nameof(StyleBlendWeight));

    /// <summary>A style image's region mask.</summary>
    public static Setting StyleMask { get; } = new(nameof(StyleMask));

    /// <summary>The limits for decoding input images (<c>ImageLoadOptions</c>).</summary>
    public static Setting ImageLoadOptions { get; } = new(nameof(ImageLoadOptions));

    /// <summary><see cref="ObjectiveSettings.ContentLayers"/>.</summary>
    public static Setting ContentLayers { get; } = new(nameof(ContentLayers));

    /// <summary><see cref="ObjectiveSettings.StyleLayers"/>.</summary>
    public static Setting StyleLayers { get; } = new(nameof(StyleLayers));

    /// <summary><see cref="ObjectiveSettings.StyleStrength"/>.</summary>
    public static Setting StyleStrength { get; } = new(nameof(StyleStrength));

    /// <summary><see cref="ObjectiveSettings.ContentWeight"/>.</summary>
    public static Setting ContentWeight { get; } = new(nameof(ContentWeight));

    /// <summary><see cref="ObjectiveSettings.StyleWeight"/>.</summary>
    public static Setting StyleWeight { get; } = new(nameof(StyleWeight));

    /// <summary><see cref="ObjectiveSettings.TotalVariationWeight"/>.</summary>
    public static Setting TotalVariationWeight { get; } = new(nameof(TotalVariationWeight));

    /// <summary><see cref="ObjectiveSettings.ContentFormula"/>.</summary>
    public static Setting ContentFormula { get; } = new(nameof(ContentFormula));

    /// <summary><see cref="ObjectiveSettings.StyleFormula"/>.</summary>
    public static Setting StyleFormula { get; } = new(nameof(StyleFormula));

    /// <summary><see cref="ObjectiveSettings.StyleLoss"/>.</summary>
    public static Setting StyleLoss { get; } = new(nameof(StyleLoss));

    /// <summary><see cref="ObjectiveSettings.TotalVariationFormula"/>.</summary>
    public static Setting TotalVariationFormula { get; } = new(nameof(TotalVariationFormula));

    /// <summary><see cref="ObjectiveSettings.NormalizeGradients"/>.</summary>
    public static Setting NormalizeGradients { get; } = new(nameof(NormalizeGradients));

    /// <summary><see cref="OptimizationSettings.Optimizer"/> (its kind).</summary>
    public static Setting Optimizer { get; } = new(nameof(Optimizer));

    /// <summary>The optimiser's <see cref="Optimization.OptimizerSettings.LearningRate"/>.</summary>
    public static Setting LearningRate { get; } = new(nameof(LearningRate));

    /// <summary>L-BFGS's <see cref="Optimization.OptimizerSettings.HistorySize"/>.</summary>
    public static Setting HistorySize { get; } = new(nameof(HistorySize));

    /// <summary>Adam's moment decays and epsilon.</summary>
    public static Setting AdamMoments { get; } = new(nameof(AdamMoments));

    /// <summary>Adam's <see cref="Optimization.OptimizerSettings.AverageDecay"/>.</summary>
    public static Setting AverageDecay { get; } = new(nameof(AverageDecay));

    /// <summary>SGD's learning-rate decay.</summary>
    public static Setting LearningRateDecay { get; } = new(nameof(LearningRateDecay));

    /// <summary><see cref="OptimizationSettings.Evaluations"/>.</summary>
    public static Setting Evaluations { get; } = new(nameof(Evaluations));

    /// <summary><see cref="OptimizationSettings.Init"/>.</summary>
    public static Setting Init { get; } = new(nameof(Init));

    /// <summary><see cref="OptimizationSettings.Space"/>.</summary>
    public static Setting Space { get; } = new(nameof(Space));

    /// <summary><see cref="MultiScaleSettings.SmallestSide"/>.</summary>
    public static Setting MultiScaleSmallestSide { get; } = new(nameof(MultiScaleSmallestSide));

    /// <summary><see cref="MultiScaleSettings.Factor"/>.</summary>
    public static Setting MultiScaleFactor { get; } = new(nameof(MultiScaleFactor));

    /// <summary><see cref="MultiScaleSettings.CoarseEvaluations"/>.</summary>
    public static Setting MultiScaleCoarseEvaluations { get; } = new(nameof(MultiScaleCoarseEvaluations));

    /// <summary><see cref="ImageSettings.Size"/>.</summary>
    public static Setting Size { get; } = new(nameof(Size));

    /// <summary><see cref="ImageSettings.StyleSizing"/>.</summary>
    public static Setting StyleSizing { get; } = new(nameof(StyleSizing));

    /// <summary><see cref="ImageSettings.StyleScale"/>.</summary>
    public static Setting StyleScale { get; } = new(nameof(StyleScale));

    /// <summary><see cref="ImageSettings.ColorPreservation"/>.</summary>
    public static Setting ColorPreservation { get; } = new(nameof(ColorPreservation));

    /// <summary><see cref="TilingSettings.TileSize"/>.</summary>
    public static Setting TileSize { get; } = new(nameof(TileSize));

    /// <summary><see cref="TilingSettings.Halo"/>.</summary>
    public static Setting TileHalo { get; } = new(nameof(TileHalo));

    /// <summary><see cref="TilingSettings.BlendWidth"/>.</summary>
    public static Setting TileBlendWidth { get; } = new(nameof(TileBlendWidth));

    /// <summary><see cref="MemorySettings.LimitBytes"/>.</summary>
    public static Setting MemoryLimit { get; } = new(nameof(MemoryLimit));

    /// <summary>A run's <see cref="Transfer.RunReporting.ProgressEvery"/>.</summary>
    public static Setting ProgressEvery { get; } = new(nameof(ProgressEvery));

    /// <summary>A run's <see cref="Transfer.RunReporting.SnapshotEvery"/>.</summary>
    public static Setting SnapshotEvery { get; } = new(nameof(SnapshotEvery));

    /// <summary><see cref="OptimizationSettings.Seed"/>.</summary>
    public static Setting Seed { get; } = new(nameof(Seed));

    /// <summary><see cref="OptimizationSettings.MultiScale"/> (on or off).</summary>
    public static Setting MultiScale { get; } = new(nameof(MultiScale));

    /// <summary>The setting's <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}
