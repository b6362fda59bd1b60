namespace NeuralStyle.Cli.Reporting;

/// <summary>What a run is about to do.</summary>
/// <param name="Content">The content image path.</param>
/// <param name="Styles">The style image paths.</param>
/// <param name="Backbone">The feature extractor's name and source.</param>
/// <param name="Evaluations">Evaluation budget (of the output scale when <paramref name="MultiScale"/>).</param>
/// <param name="MultiScale">Whether the run optimises coarse to fine (the progress reports carry the whole run's total).</param>
/// <param name="Optimizer">The optimiser.</param>
internal sealed record RunStart(string Content, IReadOnlyList<string> Styles, string Backbone, int Evaluations, bool MultiScale, string Optimizer);
