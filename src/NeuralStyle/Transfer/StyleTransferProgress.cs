namespace NeuralStyle.Transfer;

/// <summary>Progress of a running transfer, reported every <c>N</c> evaluations.</summary>
/// <param name="Iteration">1-based evaluation count (one forward and backward pass each).</param>
/// <param name="TotalIterations">The evaluation budget.</param>
/// <param name="Losses">The objective's terms at this evaluation.</param>
/// <param name="Elapsed">Time since the optimisation started (computing the targets included).</param>
public sealed record StyleTransferProgress(int Iteration, int TotalIterations, LossBreakdown Losses, TimeSpan Elapsed)
{
    /// <summary>Estimated time left, from the mean time per evaluation so far.</summary>
    public TimeSpan EstimatedRemaining =>
        Iteration == 0 ? TimeSpan.Zero : Elapsed / Iteration * (TotalIterations - Iteration);
}
