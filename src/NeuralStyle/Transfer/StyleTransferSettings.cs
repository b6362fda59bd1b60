using NeuralStyle.Imaging;
using NeuralStyle.Losses;
using NeuralStyle.Optimization;

namespace NeuralStyle.Transfer;

/// <summary>
/// Every setting of a transfer, as an immutable record. Start from <see cref="For(StylePreset)"/>
/// and change what you need with <c>with</c> expressions or the builder.
/// </summary>
public sealed record StyleTransferSettings
{
    /// <summary>Content layers and weights; null uses the feature extractor's recommendation.</summary>
    public IReadOnlyList<LayerChoice>? ContentLayers { get; init; }

    /// <summary>Style layers and weights; null uses the feature extractor's recommendation.</summary>
    public IReadOnlyList<LayerChoice>? StyleLayers { get; init; }

    /// <summary>Weight of the content term.</summary>
    public double ContentWeight { get; init; } = 1;

    /// <summary>Weight of the style term.</summary>
    public double StyleWeight { get; init; } = 10;

    /// <summary>Weight of the total variation term.</summary>
    public double TotalVariationWeight { get; init; } = 10;

    /// <summary>Content loss formula.</summary>
    public ContentLossFormula ContentFormula { get; init; } = ContentLossFormula.Relative;

    /// <summary>Style loss formula.</summary>
    public StyleLossFormula StyleFormula { get; init; } = StyleLossFormula.Relative;

    /// <summary>Which statistic the style loss matches: Gram matrices (default), mean and covariance, or the Wasserstein-2 distance.</summary>
    public StyleLossKind StyleLoss { get; init; } = StyleLossKind.Gram;

    /// <summary>
    /// Divide each content and style layer's gradient by its L1 norm (neural-style's
    /// <c>-normalize_gradients</c>). Needs Adam or SGD: the normalised gradient is not the
    /// loss's gradient, which L-BFGS's line search relies on.
    /// </summary>
    public bool NormalizeGradients { get; init; }

    /// <summary>Total variation formula.</summary>
    public TotalVariationFormula TotalVariationFormula { get; init; } = TotalVariationFormula.MeanSquare;

    /// <summary>The pixel optimiser.</summary>
    public OptimizerSettings Optimizer { get; init; } = OptimizerSettings.Lbfgs();

    /// <summary>Evaluation budget (one forward and backward pass each; L-BFGS line-search trials count).</summary>
    public int Iterations { get; init; } = 300;

    /// <summary>The working and output size, from the content image.</summary>
    public OutputSize Size { get; init; } = OutputSize.LongestSide(512);

    /// <summary>How style images are sized.</summary>
    public StyleImageSizing StyleSizing { get; init; } = StyleImageSizing.MatchLongestSide;

    /// <summary>
    /// Style image size relative to the output (neural-style's <c>-style_scale</c>): 1 (the default)
    /// sizes it as <see cref="StyleSizing"/> says; 0.5 halves it, so the style's strokes and
    /// patterns come out twice as large relative to the image; 2 makes them finer.
    /// </summary>
    public double StyleScale { get; init; } = 1;

    /// <summary>Coarse-to-fine optimisation over a ladder of sizes; null (the default) runs at the output size only.</summary>
    public MultiScaleSettings? MultiScale { get; init; }

    /// <summary>
    /// Memory-bounded evaluation of large images in overlapping, blended tiles (see
    /// <see cref="TilingSettings"/>); null (the default) evaluates the whole image at once.
    /// </summary>
    public TilingSettings? Tiling { get; init; }

    /// <summary>Whether the result keeps the content's colours (luminance-only transfer).</summary>
    public ColorPreservation ColorPreservation { get; init; } = ColorPreservation.None;

    /// <summary>What the image starts from.</summary>
    public InitMode Init { get; init; } = InitMode.Content;

    /// <summary>Seed for noise initialisation.</summary>
    public long Seed { get; init; }

    /// <summary>Which tensor is optimised.</summary>
    public OptimizationSpace Space { get; init; } = OptimizationSpace.Rgb;

    /// <summary>Report progress every this many evaluations (0 = never).</summary>
    public int ProgressEvery { get; init; } = 1;

    /// <summary>Take a snapshot image every this many evaluations (0 = never).</summary>
    public int SnapshotEvery { get; init; }

    /// <summary>
    /// The most memory a run may need by <see cref="MemoryEstimator"/>'s estimate; a run that
    /// would need more fails before optimising with <see cref="InsufficientMemoryException"/>.
    /// Null (the default) uses the memory available to the process; 0 turns the check off.
    /// </summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>The settings of a preset.</summary>
    public static StyleTransferSettings For(StylePreset preset) => preset switch
    {
        StylePreset.Default => new StyleTransferSettings(),
        StylePreset.KerasExample => KerasExample,
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "Unknown preset."),
    };

    private static StyleTransferSettings KerasExample { get; } = new()
    {
        ContentLayers = [new LayerChoice("block5_conv2")],
        StyleLayers = Enumerable.Range(1, 5).Select(b => new LayerChoice($"block{b}_conv1", 1.0 / 5)).ToArray(),
        ContentWeight = 2.5e-8,
        StyleWeight = 1e-6,
        TotalVariationWeight = 1e-6,
        ContentFormula = ContentLossFormula.SumOfSquares,
        StyleFormula = StyleLossFormula.KerasExample,
        TotalVariationFormula = TotalVariationFormula.KerasExample,
        Optimizer = OptimizerSettings.Sgd(learningRate: 100, decayRate: 0.96, decaySteps: 100),
        Iterations = 4000,
        Size = OutputSize.Height(400),
        StyleSizing = StyleImageSizing.MatchContentSize,
        Init = InitMode.Content,
        Space = OptimizationSpace.NetworkInput,
        SnapshotEvery = 100,
    };

    /// <summary>Lists every problem with these settings that can be seen without a feature extractor.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        CheckWeight(problems, nameof(ContentWeight), ContentWeight);
        CheckWeight(problems, nameof(StyleWeight), StyleWeight);
        CheckWeight(problems, nameof(TotalVariationWeight), TotalVariationWeight);
        CheckLayers(problems, "content", ContentLayers);
        CheckLayers(problems, "style", StyleLayers);
        CheckDefined(problems, ContentFormula);
        CheckDefined(problems, StyleFormula);
        CheckDefined(problems, TotalVariationFormula);
        CheckDefined(problems, StyleLoss);
        CheckDefined(problems, StyleSizing);
        CheckDefined(problems, ColorPreservation);
        CheckDefined(problems, Init);
        CheckDefined(problems, Space);
        if (Optimizer is null)
        {
            problems.Add("Optimizer must be set.");
        }
        else
        {
            problems.AddRange(Optimizer.Validate());
        }

        if (NormalizeGradients && Optimizer?.Kind == OptimizerKind.Lbfgs)
        {
            problems.Add("NormalizeGradients needs Adam or SGD: L-BFGS's line search needs the loss's true gradient (use OptimizerSettings.Adam()).");
        }

        if (!(StyleScale > 0) || StyleScale > 8)
        {
            problems.Add($"StyleScale must be greater than 0 and at most 8 (got {StyleScale}).");
        }

        if (MultiScale is not null)
        {
            problems.AddRange(MultiScale.Validate());
        }

        if (Tiling is not null)
        {
            problems.AddRange(Tiling.Validate());
        }

        if (Iterations < 1)
        {
            problems.Add($"Iterations must be at least 1 (got {Iterations}).");
        }

        if (MemoryLimitBytes < 0)
        {
            problems.Add($"MemoryLimitBytes must be null (available memory), 0 (no check) or positive (got {MemoryLimitBytes}).");
        }

        if (Size is null)
        {
            problems.Add("Size must be set (OutputSize.Original keeps the content's size).");
        }
        else if (Size.Mode != OutputSizeMode.Original && Size.Pixels < 16)
        {
            problems.Add($"Size must be at least 16 px (got {Size.Pixels}).");
        }

        if (ProgressEvery < 0 || SnapshotEvery < 0)
        {
            problems.Add($"ProgressEvery and SnapshotEvery must be 0 (never) or positive (got {ProgressEvery}, {SnapshotEvery}).");
        }

        return problems;
    }

    private static void CheckWeight(List<string> problems, string name, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            problems.Add($"{name} must be a finite number >= 0 (got {value}).");
        }
    }

    private static void CheckLayers(List<string> problems, string kind, IReadOnlyList<LayerChoice>? layers)
    {
        if (layers is null)
        {
            return;
        }

        if (layers.Count == 0)
        {
            problems.Add($"At least one {kind} layer is needed (or leave them unset for the extractor's recommendation).");
        }

        foreach (LayerChoice layer in layers)
        {
            if (string.IsNullOrWhiteSpace(layer.Name))
            {
                problems.Add($"A {kind} layer has an empty name.");
            }

            if (!(layer.Weight >= 0) || double.IsInfinity(layer.Weight))
            {
                problems.Add($"The weight of {kind} layer '{layer.Name}' must be a finite number >= 0 (got {layer.Weight}).");
            }
        }
    }

    private static void CheckDefined<TEnum>(List<string> problems, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            problems.Add($"{typeof(TEnum).Name} value {value} is not defined.");
        }
    }
}
