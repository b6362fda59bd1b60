namespace NeuralStyle.Transfer;

/// <summary>The weighted terms of the objective at one evaluation.</summary>
/// <param name="Total">Content + style + total variation.</param>
/// <param name="Content">Weighted content loss.</param>
/// <param name="Style">Weighted style loss (all layers).</param>
/// <param name="TotalVariation">Weighted total variation loss.</param>
public sealed record LossBreakdown(double Total, double Content, double Style, double TotalVariation);
