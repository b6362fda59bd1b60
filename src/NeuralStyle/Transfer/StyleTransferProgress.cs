namespace NeuralStyle.Transfer;

/// <summary>Progress of a running transfer, reported every <c>N</c> evaluations.</summary>
/// <param name="Iteration">1-based evaluation count (one forward and backward pass each), over all scales.</param>
/// <param name="TotalIterations">The evaluation budget, over all scales.</param>
/// <param name="Losses">The objective's terms at this evaluation.</param>
/// <param name="Elapsed">Time since the optimisation started (computing the targets included).</param>
public sealed record StyleTransferProgress(int Iteration, int TotalIterations, LossBreakdown Losses, TimeSpan Elapsed)
{
    /// <summary>The scale being optimised (its index, count and size); null when reported outside a <see cref="StyleTransfer"/>.</summary>
    public ScaleStage? Scale { get; init; }

    /// <summary>Estimated time left, from the mean time per evaluation so far.</summary>
    public TimeSpan EstimatedRemaining =>
        Iteration == 0 ? TimeSpan.Zero : Elapsed / Iteration * (TotalIterations - Iteration);
}
