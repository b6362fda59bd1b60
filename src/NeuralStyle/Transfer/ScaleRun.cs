namespace NeuralStyle.Transfer;

/// <summary>Where one scale's optimisation sits in the whole run: its stage and the evaluations around it.</summary>
/// <param name="Stage">The scale.</param>
/// <param name="PreviousIterations">Evaluations spent at earlier scales.</param>
/// <param name="TotalIterations">Evaluations of the whole run.</param>
internal sealed record ScaleRun(ScaleStage Stage, int PreviousIterations, int TotalIterations)
{
    /// <summary>A run with a single scale of <paramref name="iterations"/> evaluations at <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static ScaleRun Single(int width, int height, int iterations) =>
        new(new ScaleStage(0, 1, width, height, iterations), 0, iterations);
}
