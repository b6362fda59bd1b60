using NeuralStyle.Features;
using NeuralStyle.Losses;

namespace NeuralStyle.Transfer;

/// <summary>The terms of a style-transfer objective with layers already resolved by a feature extractor.</summary>
/// <param name="ContentLayers">Content layers and their weights.</param>
/// <param name="StyleLayers">Style layers and their weights.</param>
/// <param name="ContentWeight">Weight of the content term.</param>
/// <param name="StyleWeight">Weight of the style term.</param>
/// <param name="TotalVariationWeight">Weight of the total variation term.</param>
/// <param name="ContentFormula">Content loss formula.</param>
/// <param name="StyleFormula">Style loss formula.</param>
/// <param name="TotalVariationFormula">Total variation formula.</param>
/// <remarks>
/// <see cref="StyleLoss"/>, <see cref="NormalizeGradients"/> and <see cref="Tiling"/> are set with <c>with</c> or an
/// object initialiser; they default to Gram matrices, plain gradients and whole images.
/// </remarks>
public sealed record ObjectiveDefinition(
    IReadOnlyList<WeightedLayer> ContentLayers,
    IReadOnlyList<WeightedLayer> StyleLayers,
    double ContentWeight,
    double StyleWeight,
    double TotalVariationWeight,
    ContentLossFormula ContentFormula,
    StyleLossFormula StyleFormula,
    TotalVariationFormula TotalVariationFormula)
{
    /// <summary>Which statistic the style loss matches (Gram by default).</summary>
    public StyleLossKind StyleLoss { get; init; } = StyleLossKind.Gram;

    /// <summary>
    /// Whether each content and style layer's gradient is divided by its L1 norm before it flows
    /// back (neural-style's <c>-normalize_gradients</c>); the reported losses are unchanged.
    /// </summary>
    public bool NormalizeGradients { get; init; }

    /// <summary>Every layer the objective reads (content and style layers, each once, content first).</summary>
    public IReadOnlyList<FeatureLayer> Layers => ContentLayers.Concat(StyleLayers).Select(l => l.Layer).Distinct().ToArray();

    /// <summary>Evaluate images larger than a tile in overlapping tiles (memory-bounded); null (the default) evaluates whole images.</summary>
    public TilingSettings? Tiling { get; init; }
}
