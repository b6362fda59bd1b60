namespace NeuralStyle.Configuration;

/// <summary>A layer chosen by name (resolved by the feature extractor at <c>Build()</c>) and its weight.</summary>
/// <param name="Name">Layer name, e.g. <c>relu4_2</c> or <c>block5_conv2</c>.</param>
/// <param name="Weight">Relative weight of its loss term.</param>
public sealed record LayerChoice(string Name, double Weight = 1);
