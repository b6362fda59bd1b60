namespace NeuralStyle.Cli.Reporting;

/// <summary>What a finished run wrote.</summary>
/// <param name="Output">The result's path.</param>
/// <param name="Width">Its width.</param>
/// <param name="Height">Its height.</param>
/// <param name="Evaluations">Evaluations spent.</param>
/// <param name="Seconds">Wall time of the optimisation.</param>
/// <param name="InitialLoss">Total loss at the first evaluation.</param>
/// <param name="FinalLoss">Total loss at the last evaluation.</param>
internal sealed record RunSummary(string Output, int Width, int Height, int Evaluations, double Seconds, double InitialLoss, double FinalLoss);
