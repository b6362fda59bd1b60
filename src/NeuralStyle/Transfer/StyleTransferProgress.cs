namespace NeuralStyle.Transfer;

/// <summary>Progress of a running transfer, reported every <c>N</c> evaluations (<see cref="RunReporting.ProgressEvery"/>).</summary>
/// <param name="Evaluation">1-based evaluation count (one forward and backward pass each), over all scales.</param>
/// <param name="TotalEvaluations">The evaluation budget of the whole run, over all scales.</param>
/// <param name="Losses">The objective's terms at this evaluation.</param>
/// <param name="Elapsed">Time since the run started (loading the images and computing the targets included).</param>
public sealed record StyleTransferProgress(int Evaluation, int TotalEvaluations, LossBreakdown Losses, TimeSpan Elapsed)
{
    /// <summary>The scale being optimised (its index, count and size).</summary>
    public ScaleStage? Scale { get; init; }

    /// <summary>Estimated time left, from the mean time per evaluation so far.</summary>
    public TimeSpan EstimatedRemaining =>
        Evaluation == 0 ? TimeSpan.Zero : Elapsed / Evaluation * (TotalEvaluations - Evaluation);
}
