namespace NeuralStyle.Cli.Reporting;

/// <summary>What a run is about to do.</summary>
/// <param name="Content">The content image path.</param>
/// <param name="Styles">The style image paths.</param>
/// <param name="Backbone">The feature extractor's name and source.</param>
/// <param name="Iterations">Evaluation budget.</param>
/// <param name="Optimizer">The optimiser.</param>
internal sealed record RunStart(string Content, IReadOnlyList<string> Styles, string Backbone, int Iterations, string Optimizer);
