namespace NeuralStyle.Features;

/// <summary>The layers a backbone recommends for the default preset.</summary>
/// <param name="Content">The content layer.</param>
/// <param name="Style">The style layers, each with its relative weight.</param>
public sealed record RecommendedLayers(FeatureLayer Content, IReadOnlyList<WeightedLayer> Style);
