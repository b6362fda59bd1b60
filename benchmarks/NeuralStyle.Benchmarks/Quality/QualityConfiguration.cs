using NeuralStyle.Transfer;

namespace NeuralStyle.Benchmarks.Quality;

/// <summary>
/// One way of styling compared by the quality benchmark: how it sets up a builder for a value of
/// its strength parameter, the values swept for its trade-off curve, and the value it is used at.
/// </summary>
/// <param name="Name">A short name for tables and plots.</param>
/// <param name="Description">What it is, for the report.</param>
/// <param name="Sweep">The strength values of its trade-off curve, weakest first.</param>
/// <param name="Nominal">The value it is used at (its point on the contact sheet).</param>
/// <param name="Configure">Sets up the builder (extractor, content and style already given) for a strength value.</param>
internal sealed record QualityConfiguration(
    string Name, string Description, IReadOnlyList<double> Sweep, double Nominal, Func<StyleTransferBuilder, double, StyleTransferBuilder> Configure);
