namespace NeuralStyle.Features;

/// <summary>A layer and the weight of its loss term.</summary>
/// <param name="Layer">The layer.</param>
/// <param name="Weight">Its relative weight (non-negative).</param>
public sealed record WeightedLayer(FeatureLayer Layer, double Weight);
