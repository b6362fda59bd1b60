namespace NeuralStyle.Transfer;

/// <summary>An estimate of the resident memory a transfer needs at its peak.</summary>
/// <param name="RuntimeBytes">The process baseline: .NET, libtorch and the backbone's weights.</param>
/// <param name="ActivationBytes">Feature maps kept for the backward pass, their gradients and the loss terms.</param>
/// <param name="OptimizerBytes">Image-sized buffers: the image, targets, gradient and the optimiser's state (L-BFGS history).</param>
public sealed record MemoryEstimate(long RuntimeBytes, long ActivationBytes, long OptimizerBytes)
{
    /// <summary>The estimated peak resident memory.</summary>
    public long TotalBytes => RuntimeBytes + ActivationBytes + OptimizerBytes;

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{TotalBytes / 1e9:F2} GB (runtime {RuntimeBytes / 1e9:F2}, activations {ActivationBytes / 1e9:F2}, optimiser {OptimizerBytes / 1e9:F2})");
}
