namespace NeuralStyle.Features;

/// <summary>
/// How a backbone's memory use scales, for <see cref="Transfer.MemoryEstimator"/>: measured peak
/// RSS on CPU fitted as <c>BaselineBytes + ActivationFactor × (bytes of its listed layer outputs)</c>.
/// </summary>
/// <param name="BaselineBytes">The process baseline with this backbone loaded (.NET, libtorch, weights).</param>
/// <param name="ActivationFactor">Peak bytes per byte of the layer outputs the extractor lists (saved tensors, gradients, intermediates it does not list).</param>
public sealed record ExtractorMemoryProfile(long BaselineBytes, double ActivationFactor)
{
    /// <summary>A conservative profile for extractors that do not declare one.</summary>
    public static ExtractorMemoryProfile Default { get; } = new(400L << 20, 3.5);
}
